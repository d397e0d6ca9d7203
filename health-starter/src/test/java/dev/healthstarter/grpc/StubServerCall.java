package dev.healthstarter.grpc;

import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * The server side of a health call for tests that play its client: it is always ready and keeps no handler, and
 * compression, inbound flow control and the cancelled flag do nothing; the test's subclass decides what writing does
 * and overrides what it needs of the rest.
 */
abstract class StubServerCall extends ServerCallStreamObserver<HealthCheckResponse> {

	@Override
	public boolean isReady() {
		return true;
	}

	@Override
	public void setOnReadyHandler(Runnable onReadyHandler) {
	}

	@Override
	public void setOnCancelHandler(Runnable onCancelHandler) {
	}

	@Override
	public boolean isCancelled() {
		return false;
	}

	@Override
	public void setCompression(String compression) {
	}

	@Override
	public void disableAutoRequest() {
	}

	@Override
	@SuppressWarnings("deprecation")
	public void disableAutoInboundFlowControl() {
	}

	@Override
	public void request(int count) {
	}

	@Override
	public void setMessageCompression(boolean enable) {
	}

}
