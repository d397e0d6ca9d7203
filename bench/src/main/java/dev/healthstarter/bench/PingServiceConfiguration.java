package dev.healthstarter.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The baseline of P13's {@code Check} throughput, added to the running sample app with
 * {@code --spring.main.sources=dev.healthstarter.bench.PingServiceConfiguration}: a gRPC service
 * {@code bench.Ping} whose one unary method answers every request with the two bytes of a serialized
 * {@code HealthCheckResponse} saying {@code SERVING}, built by hand (a {@link MethodDescriptor} with byte-array
 * marshallers, no generated code), so the same server serves the least a unary RPC of that size costs.
 */
@Configuration(proxyBeanMethods = false)
public class PingServiceConfiguration {

	/** {@code bench.Ping/Ping}: bytes in, bytes out. */
	static final MethodDescriptor<byte[], byte[]> PING = MethodDescriptor.<byte[], byte[]>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Ping", "Ping"))
		.setRequestMarshaller(new BytesMarshaller())
		.setResponseMarshaller(new BytesMarshaller())
		.build();

	/** The answer: field 1 ({@code status}), varint 1 ({@code SERVING}), as {@code HealthCheckResponse} writes it. */
	private static final byte[] SERVING = { 0x08, 0x01 };

	@Bean
	BindableService benchPingService() {
		ServerServiceDefinition definition = ServerServiceDefinition.builder("bench.Ping")
			.addMethod(PING, ServerCalls.asyncUnaryCall((request, responses) -> {
				responses.onNext(SERVING);
				responses.onCompleted();
			}))
			.build();
		return () -> definition;
	}

	/** Passes a message's bytes through unchanged. */
	static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {

		@Override
		public InputStream stream(byte[] value) {
			return new ByteArrayInputStream(value);
		}

		@Override
		public byte[] parse(InputStream stream) {
			try (stream) {
				return stream.readAllBytes();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
