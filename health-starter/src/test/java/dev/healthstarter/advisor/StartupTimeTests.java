package dev.healthstarter.advisor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class StartupTimeTests {

	private final AtomicLong uptime = new AtomicLong(12_345);

	private final StartupTime startupTime = new StartupTime(this.uptime::get);

	@Test
	void isUnknownBeforeTheApplicationIsReady() {
		assertThat(this.startupTime.get()).isNull();
	}

	@Test
	void isTheJvmsUptimeWhenTheApplicationFirstBecameReady() {
		this.startupTime.onApplicationEvent(ready());
		this.uptime.set(99_000);
		this.startupTime.onApplicationEvent(ready());
		assertThat(this.startupTime.get()).isEqualTo(Duration.ofMillis(12_345));
	}

	private static ApplicationReadyEvent ready() {
		return new ApplicationReadyEvent(new SpringApplication(), new String[0], new GenericApplicationContext(),
				Duration.ZERO);
	}

}
