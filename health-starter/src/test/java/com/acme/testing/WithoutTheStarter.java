package com.acme.testing;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * An application as it runs without the starter, for tests that compare what it answers with and without it: every
 * auto-configuration the starter's imports file lists, excluded.
 */
public final class WithoutTheStarter {

	private WithoutTheStarter() {
	}

	/**
	 * @param others further auto-configurations to exclude, by class name
	 * @return a {@code spring.autoconfigure.exclude} property naming the starter's auto-configurations and the others
	 */
	public static String exclude(String... others) {
		ImportCandidates candidates = ImportCandidates.load(AutoConfiguration.class,
				WithoutTheStarter.class.getClassLoader());
		String starter = StreamSupport.stream(candidates.spliterator(), false)
			.filter((name) -> name.startsWith("dev.healthstarter."))
			.collect(Collectors.joining(","));
		return "spring.autoconfigure.exclude=" + starter + ((others.length > 0) ? "," + String.join(",", others) : "");
	}

}
