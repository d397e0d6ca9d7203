package dev.healthstarter.web.servlet;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.healthstarter.web.stream.StreamConnection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A test's own Spring MVC application, started on Tomcat at a free port before each test and closed after it, for
 * tests that speak HTTP/1.1 to Tomcat over a socket of their own about streams they write themselves (on the stream
 * filter's non-blocking response, so that the test decides what each writes and when it ends). Registered with
 * {@code @RegisterExtension}.
 */
final class TomcatStreamServer implements BeforeEachCallback, AfterEachCallback {

	private final Class<?> application;

	private final String[] properties;

	private @Nullable ConfigurableApplicationContext context;

	/**
	 * @param application the application's configuration
	 * @param properties more properties, as {@code name=value}
	 */
	TomcatStreamServer(Class<?> application, String... properties) {
		this.application = application;
		this.properties = properties;
	}

	@Override
	public void beforeEach(ExtensionContext extension) {
		this.context = new SpringApplicationBuilder(this.application)
			.properties("spring.main.web-application-type=servlet", "server.port=0", "spring.main.banner-mode=off")
			.properties(this.properties)
			.run();
	}

	@Override
	public void afterEach(ExtensionContext extension) {
		context().close();
	}

	/**
	 * @return the port Tomcat listens on
	 */
	int port() {
		return ((WebServerApplicationContext) context()).getWebServer().getPort();
	}

	/**
	 * @param <T> the bean's type
	 * @param type the bean's type
	 * @return the application's bean of that type
	 */
	<T> T bean(Class<T> type) {
		return context().getBean(type);
	}

	/**
	 * A stream for a test's controller to answer with: once the container first lets it write, {@code firstWrite} runs
	 * (once) with its emitter.
	 * @param connection the stream's connection ({@link HealthStreamFilter#connection})
	 * @param firstWrite what the stream writes first
	 * @return the stream's emitter (60 s timeout)
	 */
	static SseEmitter stream(StreamConnection connection, Consumer<SseEmitter> firstWrite) {
		SseEmitter emitter = new SseEmitter(60_000L);
		AtomicBoolean sent = new AtomicBoolean();
		connection.listen(() -> {
			if (sent.compareAndSet(false, true)) {
				firstWrite.accept(emitter);
			}
		}, (error) -> {
		});
		return emitter;
	}

	/**
	 * Sends one event.
	 * @param emitter the stream
	 * @param data the event's data, as text
	 */
	static void send(SseEmitter emitter, String data) {
		try {
			emitter.send(SseEmitter.event().data(data, MediaType.TEXT_PLAIN));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ConfigurableApplicationContext context() {
		return Objects.requireNonNull(this.context, "started before each test");
	}

}
