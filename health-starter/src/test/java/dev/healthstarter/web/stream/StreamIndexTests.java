package dev.healthstarter.web.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.healthstarter.web.Shown;
import dev.healthstarter.web.servlet.SseEmitterWriter;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

class StreamIndexTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final StreamIndex index = new StreamIndex();

	@Test
	void pollSubscribersOfOneIntervalAndPhaseShareATickAndOthersAreNotVisited() {
		StreamSubscriber first = subscriber("readiness", StreamMode.POLL, Duration.ofSeconds(1));
		StreamSubscriber second = subscriber(null, StreamMode.POLL, Duration.ofSeconds(1));
		StreamSubscriber slow = subscriber("readiness", StreamMode.POLL, Duration.ofSeconds(30));
		this.index.add(first, 0);
		// within the same 50 ms phase of the second
		this.index.add(second, SECOND / 40);
		this.index.add(slow, 0);
		assertThat(this.index.due(SECOND - 1)).isEmpty();
		Map<StreamSubscriber.View, List<StreamSubscriber>> due = this.index.due(SECOND);
		assertThat(due.values()).flatExtracting((recipients) -> recipients).containsExactlyInAnyOrder(first, second);
		assertThat(this.index.due(SECOND + 1)).isEmpty();
		assertThat(this.index.due(2 * SECOND).values()).flatExtracting((recipients) -> recipients).hasSize(2);
	}

	/**
	 * Subscribers of one interval that joined at different moments keep their own schedules, so 10,000 of them make
	 * up to 20 small bursts of writes per interval rather than one burst of 10,000.
	 */
	@Test
	void pollSubscribersThatJoinedHalfAnIntervalApartAreDueHalfAnIntervalApart() {
		StreamSubscriber early = subscriber("readiness", StreamMode.POLL, Duration.ofSeconds(1));
		StreamSubscriber late = subscriber("readiness", StreamMode.POLL, Duration.ofSeconds(1));
		this.index.add(early, 0);
		this.index.add(late, SECOND / 2);
		assertThat(this.index.due(SECOND).values()).flatExtracting((recipients) -> recipients).containsExactly(early);
		assertThat(this.index.due(SECOND + SECOND / 2).values()).flatExtracting((recipients) -> recipients)
			.containsExactly(late);
		this.index.remove(late);
		assertThat(this.index.due(2 * SECOND).values()).flatExtracting((recipients) -> recipients).containsExactly(early);
		assertThat(this.index.due(2 * SECOND + SECOND / 2)).isEmpty();
	}

	@Test
	void aChangeVisitsTheViewsOfItsGroupsAndEveryCheckView() {
		StreamSubscriber readiness = subscriber("readiness", StreamMode.CHANGES, Duration.ofSeconds(1));
		StreamSubscriber liveness = subscriber("liveness", StreamMode.CHANGES, Duration.ofSeconds(1));
		StreamSubscriber all = subscriber(null, StreamMode.CHANGES, Duration.ofSeconds(1));
		this.index.add(readiness, 0);
		this.index.add(liveness, 0);
		this.index.add(all, 0);
		assertThat(this.index.watchers(Set.of("readiness")).values()).flatExtracting((members) -> members)
			.containsExactlyInAnyOrder(readiness, all);
		assertThat(this.index.watchers(null).values()).flatExtracting((members) -> members).hasSize(3);
		assertThat(this.index.watchedGroups()).containsExactlyInAnyOrder("readiness", "liveness", null);
	}

	@Test
	void removedSubscribersAndTheirEmptiedBucketsAreGone() {
		StreamSubscriber poll = subscriber("readiness", StreamMode.POLL, Duration.ofSeconds(1));
		StreamSubscriber changes = subscriber("readiness", StreamMode.CHANGES, Duration.ofSeconds(1));
		this.index.add(poll, 0);
		this.index.add(changes, 0);
		this.index.remove(poll);
		this.index.remove(changes);
		assertThat(this.index.due(10 * SECOND)).isEmpty();
		assertThat(this.index.watchers(null)).isEmpty();
		assertThat(this.index.watchedGroups()).isEmpty();
	}

	private static StreamSubscriber subscriber(String group, StreamMode mode, Duration interval) {
		return new StreamSubscriber(new SseEmitterWriter(new SseEmitter()), StreamConnection.BLOCKING,
				new StreamSubscriber.View(group, Shown.COMPONENTS), "127.0.0.1", interval, mode, Runnable::run,
				(subscriber) -> {
				});
	}

}
