package com.acme.grpc;

import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;

import org.springframework.context.ApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/** Channels to an application's gRPC server, and {@code Check} calls made with grpc-java's generated stub. */
final class GrpcHealthClient {

	private GrpcHealthClient() {
	}

	/** @return a plaintext channel to the gRPC server of the application, listening on 127.0.0.1 */
	static ManagedChannel channel(ApplicationContext application) {
		return NettyChannelBuilder.forAddress("127.0.0.1", application.getBean(GrpcServerLifecycle.class).getPort())
			.usePlaintext()
			.build();
	}

	/**
	 * @param channel the channel to the application's gRPC server
	 * @param service the service to check
	 * @return the serving status {@code Check} answers, or the name of its error's code
	 */
	static String check(Channel channel, String service) {
		try {
			return HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(5, TimeUnit.SECONDS)
				.check(HealthCheckRequest.newBuilder().setService(service).build())
				.getStatus()
				.name();
		}
		catch (StatusRuntimeException ex) {
			return ex.getStatus().getCode().name();
		}
	}

}
