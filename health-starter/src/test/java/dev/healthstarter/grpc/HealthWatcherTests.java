package dev.healthstarter.grpc;

import java.util.ArrayList;
import java.util.List;

import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthWatcherTests {

	private final FakeCall call = new FakeCall();

	private final List<HealthWatcher> cancelled = new ArrayList<>();

	private final HealthWatcher watcher = new HealthWatcher("readiness", this.call, Runnable::run, this.cancelled::add);

	@Test
	void sendsEachStatusOnlyWhenItDiffersFromTheLastOneSent() {
		this.watcher.offer(ServingStatus.SERVING);
		this.watcher.offer(ServingStatus.SERVING);
		this.watcher.offer(ServingStatus.NOT_SERVING);
		this.watcher.offer(ServingStatus.NOT_SERVING);
		this.watcher.offer(ServingStatus.SERVING);
		assertThat(this.call.sent).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING,
				ServingStatus.SERVING);
	}

	@Test
	void aStatusNotKnownYetIsServiceUnknownFirstAndIgnoredOnceAStatusWasOffered() {
		this.watcher.offer(null);
		this.watcher.offer(ServingStatus.SERVING);
		this.watcher.offer(null);
		assertThat(this.call.sent).containsExactly(ServingStatus.SERVICE_UNKNOWN, ServingStatus.SERVING);
	}

	@Test
	void aCallThatCannotTakeAMessageKeepsOnlyTheNewestStatusAndGetsItWhenReady() {
		this.watcher.offer(ServingStatus.SERVING);
		this.call.ready = false;
		this.watcher.offer(ServingStatus.NOT_SERVING);
		this.watcher.offer(ServingStatus.SERVICE_UNKNOWN);
		this.watcher.offer(ServingStatus.NOT_SERVING);
		assertThat(this.call.sent).containsExactly(ServingStatus.SERVING);
		this.call.becomeReady();
		assertThat(this.call.sent).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
	}

	@Test
	void aPendingStatusChangedBackToTheLastOneSentIsNotSent() {
		this.watcher.offer(ServingStatus.SERVING);
		this.call.ready = false;
		this.watcher.offer(ServingStatus.NOT_SERVING);
		this.watcher.offer(ServingStatus.SERVING);
		this.call.becomeReady();
		assertThat(this.call.sent).containsExactly(ServingStatus.SERVING);
	}

	@Test
	void completingSendsTheLastStatusThenCompletesAndSendsNothingMore() {
		this.watcher.offer(ServingStatus.SERVING);
		this.call.ready = false;
		this.watcher.complete(ServingStatus.NOT_SERVING);
		assertThat(this.call.completed).isFalse();
		this.call.becomeReady();
		this.watcher.offer(ServingStatus.SERVING);
		assertThat(this.call.sent).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
		assertThat(this.call.completed).isTrue();
		assertThat(this.watcher.isEnded()).isTrue();
	}

	@Test
	void aCancelledCallIsToldAndGetsNothingMore() {
		this.watcher.offer(ServingStatus.SERVING);
		this.call.cancel();
		this.watcher.offer(ServingStatus.NOT_SERVING);
		assertThat(this.cancelled).containsExactly(this.watcher);
		assertThat(this.call.sent).containsExactly(ServingStatus.SERVING);
		assertThat(this.watcher.isEnded()).isTrue();
	}

	/** A server call's response stream whose readiness the test decides. */
	private static final class FakeCall extends StubServerCall {

		private final List<ServingStatus> sent = new ArrayList<>();

		private boolean ready = true;

		private boolean completed;

		private @Nullable Runnable onReady;

		private @Nullable Runnable onCancel;

		void becomeReady() {
			this.ready = true;
			if (this.onReady != null) {
				this.onReady.run();
			}
		}

		void cancel() {
			this.ready = false;
			if (this.onCancel != null) {
				this.onCancel.run();
			}
		}

		@Override
		public void onNext(HealthCheckResponse value) {
			this.sent.add(value.getStatus());
		}

		@Override
		public void onError(Throwable t) {
			throw new AssertionError("no error expected", t);
		}

		@Override
		public void onCompleted() {
			this.completed = true;
		}

		@Override
		public boolean isReady() {
			return this.ready;
		}

		@Override
		public void setOnReadyHandler(Runnable onReadyHandler) {
			this.onReady = onReadyHandler;
		}

		@Override
		public void setOnCancelHandler(Runnable onCancelHandler) {
			this.onCancel = onCancelHandler;
		}

	}

}
