package dev.healthstarter.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * P6's measure of held subscribers: for every data frame, when it was received and the {@code since} of one
 * check in it (when that check entered the state the frame shows: the end of the evaluation that saw the change).
 * {@link #lags} then dates, for each subscriber, each transition of that check against the first frame that
 * reflects it. Wall-clock microseconds throughout, as the server's timestamps (same host). Not thread-safe: filled
 * on the client's thread, read after.
 */
final class ChangeLog implements SseLoadClient.FrameListener {

	private static final byte[] SINCE = "\"since\":\"".getBytes(StandardCharsets.US_ASCII);

	private final byte[] checkKey;

	private final long baseNanos = System.nanoTime();

	private final long baseWallMicros = micros(Instant.now());

	private final Samples subscribers = new Samples();

	private final Samples received = new Samples();

	private final Samples sinces = new Samples();

	private byte[] lastSince = new byte[0];

	private long lastSinceMicros;

	/** @param check the check whose {@code since} is read from each frame */
	ChangeLog(String check) {
		this.checkKey = ("\"" + check + "\":{").getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public void frame(int subscriber, byte[] bytes, int offset, int length, long receivedNanos) {
		int end = offset + length;
		int check = indexOf(bytes, offset, end, this.checkKey);
		int since = (check < 0) ? -1 : indexOf(bytes, check, end, SINCE);
		if (since < 0) {
			return;
		}
		int start = since + SINCE.length;
		int stop = start;
		while (stop < end && bytes[stop] != '"') {
			stop++;
		}
		this.subscribers.add(subscriber);
		this.received.add(this.baseWallMicros + (receivedNanos - this.baseNanos) / 1000);
		this.sinces.add(sinceMicros(bytes, start, stop));
	}

	/** Parses a timestamp, reusing the last one's value when its bytes are the same (the common case). */
	private long sinceMicros(byte[] bytes, int start, int stop) {
		if (!Arrays.equals(bytes, start, stop, this.lastSince, 0, this.lastSince.length)) {
			this.lastSince = Arrays.copyOfRange(bytes, start, stop);
			this.lastSinceMicros = micros(Instant.parse(new String(this.lastSince, StandardCharsets.US_ASCII)));
		}
		return this.lastSinceMicros;
	}

	/**
	 * @param transitions when the check changed state (its {@code since} from then on), ascending, in wall-clock
	 * microseconds; only these are dated
	 * @return per subscriber and transition, its receipt minus the transition's time (in microseconds), in
	 * {@link Lags#micros}; transitions a subscriber never got a frame for (before its last frame) in
	 * {@link Lags#missed}
	 */
	Lags lags(long[] transitions) {
		long[] subscriberOf = this.subscribers.stream().toArray();
		long[] receivedAt = this.received.stream().toArray();
		long[] since = this.sinces.stream().toArray();
		List<List<Integer>> frames = new ArrayList<>();
		for (int i = 0; i < subscriberOf.length; i++) {
			int subscriber = (int) subscriberOf[i];
			while (frames.size() <= subscriber) {
				frames.add(new ArrayList<>());
			}
			frames.get(subscriber).add(i);
		}
		Samples lags = new Samples();
		List<Samples> byTransition = new ArrayList<>();
		for (int i = 0; i < transitions.length; i++) {
			byTransition.add(new Samples());
		}
		long missed = 0;
		for (List<Integer> own : frames) {
			if (own.isEmpty()) {
				continue;
			}
			long shown = since[own.get(0)];
			for (int frame : own.subList(1, own.size())) {
				for (int t = 0; t < transitions.length; t++) {
					if (transitions[t] > shown && transitions[t] <= since[frame]) {
						lags.add(receivedAt[frame] - transitions[t]);
						byTransition.get(t).add(receivedAt[frame] - transitions[t]);
					}
				}
				shown = Math.max(shown, since[frame]);
			}
			long last = shown;
			missed += Arrays.stream(transitions).filter((transition) -> transition > last).count();
		}
		return new Lags(lags, missed, byTransition);
	}

	static long micros(Instant instant) {
		return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1000;
	}

	private static int indexOf(byte[] bytes, int from, int end, byte[] key) {
		outer: for (int i = from; i <= end - key.length; i++) {
			for (int j = 0; j < key.length; j++) {
				if (bytes[i + j] != key[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * @param micros each delivery's lag, in microseconds
	 * @param missed transitions never delivered to a subscriber
	 * @param byTransition the same lags, per transition, in the order of the transitions dated
	 */
	record Lags(Samples micros, long missed, List<Samples> byTransition) {

		/** @return each transition's lag p99 in milliseconds, rounded, in order: how much a figure rests on one */
		String p99PerTransition() {
			return this.byTransition.stream()
				.map((samples) -> TableFormat.number(samples.millis(99)))
				.collect(Collectors.joining(", "));
		}

	}

}
