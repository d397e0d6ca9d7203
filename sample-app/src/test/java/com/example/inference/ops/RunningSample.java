package com.example.inference.ops;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The sample started as in production, with its dashboard page on, one HTTP target (unreachable, in the group
 * {@code targets} as every target is by default) and a fleet with one unreachable peer and fail-open on, so that
 * every metric family the deploy files use exists. Test
 * classes sharing it share one context.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "inference.model-load-time=0s", "health.cache-ttl=200ms", "health.ui.enabled=true",
				"health.http.interval=1s", "health.http.targets[0].name=unreachable",
				"health.http.targets[0].url=http://127.0.0.1:9/", "health.http.targets[0].timeout=200ms",
				"health.fleet.peers[0]=http://127.0.0.1:9/", "health.fleet.fail-open.enabled=true" })
@Timeout(120)
@interface RunningSample {

}
