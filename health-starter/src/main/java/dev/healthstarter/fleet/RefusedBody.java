package dev.healthstarter.fleet;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of an answer other than 200, left unread: cancelling it closes the connection, and the exchange ends
 * at once even if the body never would (a proxy's error page that streams, a peer that hangs). Stateless.
 */
final class RefusedBody implements HttpResponse.BodySubscriber<Void> {

	@Override
	public CompletionStage<Void> getBody() {
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		subscription.cancel();
	}

	@Override
	public void onNext(List<ByteBuffer> item) {
	}

	@Override
	public void onError(Throwable throwable) {
	}

	@Override
	public void onComplete() {
	}

}
