package dev.watchkeeper.slack.internal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.Locale;

/**
 * Makes Bolt's answers UTF-8: Bolt sets content types without a charset (the
 * url_verification challenge is {@code text/plain}), and the servlet container would then
 * encode the body as ISO-8859-1.
 */
class Utf8Response extends HttpServletResponseWrapper {

	Utf8Response(HttpServletResponse response) {
		super(response);
		response.setCharacterEncoding("UTF-8");
	}

	@Override
	public void setContentType(String type) {
		super.setContentType(withCharset(type));
	}

	@Override
	public void setHeader(String name, String value) {
		super.setHeader(name, isContentType(name) ? withCharset(value) : value);
	}

	@Override
	public void addHeader(String name, String value) {
		super.addHeader(name, isContentType(name) ? withCharset(value) : value);
	}

	private static boolean isContentType(String name) {
		return "content-type".equalsIgnoreCase(name);
	}

	private static String withCharset(String type) {
		if (type == null || type.toLowerCase(Locale.ROOT).contains("charset=")) {
			return type;
		}
		return type + "; charset=utf-8";
	}

}
