package dev.healthstarter.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * P3's floor on WebFlux, added with {@code --spring.main.sources}: {@code GET /floor/$stream}, the leanest held
 * stream the stack can serve. One shared ticker builds one frame a second (of the starter's frame size, about
 * 1.8 KB, written once) and every subscriber's response writes those same bytes; no evaluation, no per-subscriber
 * state but what WebFlux and Reactor Netty hold for an open response. What a subscriber costs here is the stack's
 * own cost of a held connection, against which the starter's is read.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.REACTIVE)
public class StreamFloorConfiguration {

	@RestController
	static class StreamFloorController {

		private static final String DATA = "{\"status\":\"healthy\",\"checks\":{\"padding\":\"" + "x".repeat(1750)
				+ "\"}}";

		private final Flux<byte[]> ticker = Flux.interval(Duration.ZERO, Duration.ofSeconds(1))
			.map((tick) -> ("id: " + (tick + 1) + "\ndata: " + DATA + "\n\n").getBytes(StandardCharsets.UTF_8))
			.share();

		@GetMapping("/floor/$stream")
		ResponseEntity<Flux<DataBuffer>> stream(ServerWebExchange exchange) {
			return ResponseEntity.ok()
				.contentType(MediaType.TEXT_EVENT_STREAM)
				.body(this.ticker.onBackpressureLatest().map(exchange.getResponse().bufferFactory()::wrap));
		}

	}

}
