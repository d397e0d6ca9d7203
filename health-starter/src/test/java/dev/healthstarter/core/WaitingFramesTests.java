package dev.healthstarter.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WaitingFramesTests {

	@Test
	void framesOfTheJdkAndTheStarterAreSkippedAndAtMostFiveKept() {
		StackTraceElement[] stack = { frame("jdk.internal.misc.Unsafe", "park"),
				frame("java.util.concurrent.locks.LockSupport", "park"), frame("sun.nio.ch.Net", "poll"),
				frame("io.lettuce.core.protocol.AsyncCommand", "await"), frame("dev.healthstarter.core.CheckRunner", "invoke"),
				frame("com.acme.A", "a"), frame("com.acme.B", "b"), frame("com.acme.C", "c"), frame("com.acme.D", "d"),
				frame("com.acme.E", "e") };
		List<StackTraceElement> frames = WaitingFrames.of(stack);
		assertThat(frames).extracting(WaitingFrames::place)
			.containsExactly("io.lettuce.core.protocol.AsyncCommand.await", "com.acme.A.a", "com.acme.B.b", "com.acme.C.c",
					"com.acme.D.d");
	}

	@Test
	void frameOfAJdkModuleIsSkippedWhateverItsPackage() {
		StackTraceElement inJavaBase = new StackTraceElement(null, "java.base", "17", "com.sun.crypto.provider.X", "y",
				"X.java", 1);
		assertThat(WaitingFrames.of(new StackTraceElement[] { inJavaBase })).isEmpty();
	}

	@Test
	void aFrameReadsAsClassMethodFileAndLineWithoutModuleOrLoader() {
		StackTraceElement inModule = new StackTraceElement("app", "orders", "1.0", "com.acme.Db", "ping", "Db.java", 42);
		assertThat(WaitingFrames.format(inModule)).isEqualTo("com.acme.Db.ping(Db.java:42)");
		assertThat(WaitingFrames.format(new StackTraceElement("com.acme.Db", "ping", null, -1)))
			.isEqualTo("com.acme.Db.ping(Unknown Source)");
		assertThat(WaitingFrames.format(new StackTraceElement("com.acme.Db", "ping", "Db.java", -2)))
			.isEqualTo("com.acme.Db.ping(Native Method)");
	}

	private static StackTraceElement frame(String type, String method) {
		return new StackTraceElement(type, method, type.substring(type.lastIndexOf('.') + 1) + ".java", 1);
	}

}
