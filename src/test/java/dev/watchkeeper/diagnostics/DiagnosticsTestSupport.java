package dev.watchkeeper.diagnostics;

import dev.watchkeeper.core.AuditableEvent;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A clock tests can move, and a recorder of every HTTP request the application receives.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DiagnosticsTestSupport {

	@Bean
	@Primary
	MovableClock movableClock() {
		return new MovableClock();
	}

	@Bean
	AuditedEvents auditedEvents() {
		return new AuditedEvents();
	}

	@Bean
	RequestRecorder requestRecorder() {
		return new RequestRecorder();
	}

	@Bean
	FilterRegistrationBean<RequestRecorder> requestRecorderFilter(RequestRecorder recorder) {
		FilterRegistrationBean<RequestRecorder> registration = new FilterRegistrationBean<>(recorder);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	/** Every auditable event published, from any thread, in order. */
	public static class AuditedEvents {

		private final List<AuditableEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(AuditableEvent event) {
			events.add(event);
		}

		public void clear() {
			events.clear();
		}

		public <T extends AuditableEvent> List<T> of(Class<T> type) {
			return events.stream().filter(type::isInstance).map(type::cast).toList();
		}

		public <T extends AuditableEvent> List<T> of(Class<T> type, ShareId id) {
			return events.stream()
				.filter(type::isInstance)
				.map(type::cast)
				.filter(e -> e.subject().equals(id.value()))
				.toList();
		}

	}

	/** Real time plus an offset that tests advance; {@link #reset()} after each test. */
	public static class MovableClock extends Clock {

		private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

		public void advance(Duration duration) {
			offset.updateAndGet(o -> o.plus(duration));
		}

		public void reset() {
			offset.set(Duration.ZERO);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(offset.get());
		}

	}

	/**
	 * One request as the server received it: method, URI with query, headers, and body
	 * bytes.
	 */
	public record Recorded(String method, String uri, List<String> headers, byte[] body) {
	}

	/** Records requests while switched on, including every body byte. */
	public static class RequestRecorder extends OncePerRequestFilter {

		private final List<Pending> requests = new CopyOnWriteArrayList<>();

		/**
		 * Added before the request runs, so that it is listed even while its response is
		 * still being written.
		 */
		private record Pending(String method, String uri, List<String> headers, ByteArrayOutputStream body) {
		}

		private volatile boolean on;

		public void start() {
			requests.clear();
			on = true;
		}

		public List<Recorded> stop() {
			on = false;
			return requests.stream()
				.map(p -> new Recorded(p.method(), p.uri(), p.headers(), p.body().toByteArray()))
				.toList();
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (!on) {
				chain.doFilter(request, response);
				return;
			}
			List<String> headers = new ArrayList<>();
			for (String name : Collections.list(request.getHeaderNames())) {
				for (String value : Collections.list(request.getHeaders(name))) {
					headers.add(name + ": " + value);
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			String uri = request.getRequestURL()
					+ (request.getQueryString() == null ? "" : "?" + request.getQueryString());
			requests.add(new Pending(request.getMethod(), uri, headers, body));
			chain.doFilter(new Teeing(request, body), response);
		}

		private static final class Teeing extends HttpServletRequestWrapper {

			private final ByteArrayOutputStream copy;

			Teeing(HttpServletRequest request, ByteArrayOutputStream copy) {
				super(request);
				this.copy = copy;
			}

			@Override
			public ServletInputStream getInputStream() throws IOException {
				ServletInputStream in = super.getInputStream();
				return new ServletInputStream() {
					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0) {
							copy.write(b);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = in.read(buffer, offset, length);
						if (n > 0) {
							copy.write(buffer, offset, n);
						}
						return n;
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}
				};
			}

		}

	}

}
