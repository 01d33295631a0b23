package dev.watchkeeper.diagnostics.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The two static pages and their assets, read once at start-up. {@code GET /d/{id}}
 * answers the same bytes for every id without looking anything up, so link previews,
 * scanners and prefetchers learn nothing and change nothing.
 */
@Controller
class DiagnosticsPages {

	private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private static final Map<String, MediaType> ASSET_TYPES = Map.of("share.js",
			MediaType.parseMediaType("text/javascript;charset=UTF-8"), "new.js",
			MediaType.parseMediaType("text/javascript;charset=UTF-8"), "view.js",
			MediaType.parseMediaType("text/javascript;charset=UTF-8"), "diagnostics.css",
			MediaType.parseMediaType("text/css;charset=UTF-8"));

	private final byte[] newPage = read("new.html");

	private final byte[] viewPage = read("view.html");

	private final Map<String, byte[]> assets = Map.of("share.js", read("assets/share.js"), "new.js",
			read("assets/new.js"), "view.js", read("assets/view.js"), "diagnostics.css",
			read("assets/diagnostics.css"));

	@GetMapping("/d/new")
	ResponseEntity<byte[]> newShare() {
		return ResponseEntity.ok().contentType(HTML).body(newPage);
	}

	@GetMapping("/d/{id}")
	ResponseEntity<byte[]> view(@PathVariable String id) {
		return ResponseEntity.ok().contentType(HTML).body(viewPage);
	}

	@GetMapping("/d/assets/{name}")
	ResponseEntity<byte[]> asset(@PathVariable String name) {
		byte[] body = assets.get(name);
		if (body == null) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.ok().contentType(ASSET_TYPES.get(name)).body(body);
	}

	private static byte[] read(String name) {
		try (InputStream in = new ClassPathResource("diagnostics/" + name).getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("missing diagnostics page resource " + name, ex);
		}
	}

}
