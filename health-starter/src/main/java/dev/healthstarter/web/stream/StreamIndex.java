package dev.healthstarter.web.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The open subscribers, indexed so that the ticker and the change pusher visit only those a frame is for:
 * {@link StreamMode#POLL} subscribers in a timing wheel, one bucket per {@code poll_interval} and phase (every
 * subscriber of a bucket shares its tick, so a bucket that is not due costs one comparison; an interval has at most
 * {@link #SLOTS} phases, so 10,000 subscribers at one interval make at most 20 bursts of writes per interval, each on
 * its subscribers' own schedule, rather than one burst of 10,000), {@link StreamMode#CHANGES} subscribers by view (a
 * change visits the views of its groups only). A subscriber is indexed once its first frame is offered, so no poll
 * or pushed frame precedes it. Thread-safe: subscribers come and go on any thread; {@link #due} is called by the
 * ticker alone.
 */
final class StreamIndex {

	/** Most phases of one interval. */
	static final int SLOTS = 20;

	/** Narrowest phase: the broadcaster's tick. */
	private static final long MIN_SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final ConcurrentMap<BucketKey, Bucket> pollBuckets = new ConcurrentHashMap<>();

	private final ConcurrentMap<StreamSubscriber.View, Set<StreamSubscriber>> watchers = new ConcurrentHashMap<>();

	/**
	 * Indexes a subscriber whose first frame is being offered.
	 * @param subscriber the subscriber
	 * @param now {@link System#nanoTime()}
	 */
	void add(StreamSubscriber subscriber, long now) {
		if (subscriber.mode() == StreamMode.CHANGES) {
			this.watchers.compute(subscriber.view(), (view, members) -> {
				Set<StreamSubscriber> set = (members != null) ? members : ConcurrentHashMap.newKeySet();
				set.add(subscriber);
				return set;
			});
		}
		else {
			long interval = subscriber.intervalNanos();
			long slotNanos = Math.max(MIN_SLOT_NANOS, interval / SLOTS);
			subscriber.pollSlot((int) Math.floorMod(now / slotNanos, Math.max(1, interval / slotNanos)));
			this.pollBuckets.compute(new BucketKey(interval, subscriber.pollSlot()), (key, bucket) -> {
				Bucket target = (bucket != null) ? bucket : new Bucket(now + interval);
				target.members.add(subscriber);
				return target;
			});
		}
	}

	/**
	 * Removes a subscriber; an emptied bucket or view goes with it.
	 * @param subscriber the subscriber
	 */
	void remove(StreamSubscriber subscriber) {
		if (subscriber.mode() == StreamMode.CHANGES) {
			this.watchers.computeIfPresent(subscriber.view(),
					(view, members) -> (members.remove(subscriber) && members.isEmpty()) ? null : members);
		}
		else {
			this.pollBuckets.computeIfPresent(new BucketKey(subscriber.intervalNanos(), subscriber.pollSlot()),
					(key, bucket) -> (bucket.members.remove(subscriber) && bucket.members.isEmpty()) ? null : bucket);
		}
	}

	/**
	 * The poll subscribers due now, by view; each due bucket's next tick is scheduled. Called by the ticker alone.
	 * @param now {@link System#nanoTime()}
	 * @return the recipients of a frame, by view
	 */
	Map<StreamSubscriber.View, List<StreamSubscriber>> due(long now) {
		Map<StreamSubscriber.View, List<StreamSubscriber>> due = new HashMap<>();
		this.pollBuckets.forEach((key, bucket) -> {
			if (now >= bucket.nextDueNanos) {
				long interval = key.intervalNanos();
				bucket.nextDueNanos = Math.max(bucket.nextDueNanos + interval, now + interval / 2);
				bucket.members.forEach((subscriber) -> due.computeIfAbsent(subscriber.view(), (view) -> new ArrayList<>())
					.add(subscriber));
			}
		});
		return due;
	}

	/**
	 * @return the groups {@link StreamMode#CHANGES} subscribers watch ({@code null} for every check)
	 */
	Set<@Nullable String> watchedGroups() {
		Set<@Nullable String> groups = new HashSet<>();
		this.watchers.keySet().forEach((view) -> groups.add(view.group()));
		return groups;
	}

	/**
	 * @param groups the groups whose snapshot may have changed, or {@code null} for every group
	 * @return the {@link StreamMode#CHANGES} subscribers of the views that may show the change, by view
	 */
	Map<StreamSubscriber.View, Collection<StreamSubscriber>> watchers(@Nullable Set<String> groups) {
		Map<StreamSubscriber.View, Collection<StreamSubscriber>> watchers = new HashMap<>();
		this.watchers.forEach((view, members) -> {
			if (groups == null || view.group() == null || groups.contains(view.group())) {
				watchers.put(view, members);
			}
		});
		return watchers;
	}

	/**
	 * One bucket of the wheel.
	 *
	 * @param intervalNanos the subscribers' {@code poll_interval}
	 * @param slot the phase they joined in
	 */
	private record BucketKey(long intervalNanos, int slot) {
	}

	/** The poll subscribers of one interval and phase, and when their next frame is due. */
	private static final class Bucket {

		private final Set<StreamSubscriber> members = ConcurrentHashMap.newKeySet();

		/** Written by the ticker alone. */
		private volatile long nextDueNanos;

		Bucket(long nextDueNanos) {
			this.nextDueNanos = nextDueNanos;
		}

	}

}
