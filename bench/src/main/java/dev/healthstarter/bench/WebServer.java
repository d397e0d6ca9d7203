package dev.healthstarter.bench;

import java.io.File;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The servlet container a benchmark server runs on; the bench's class path holds both Tomcat and Jetty. */
enum WebServer {

	TOMCAT("jetty"), JETTY("tomcat");

	private final String otherServersJars;

	WebServer(String otherServersJars) {
		this.otherServersJars = otherServersJars;
	}

	/** @return {@code classpath} without the other server's jars (any entry whose path names it) */
	String classpath(String classpath) {
		return Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !entry.contains(this.otherServersJars))
			.collect(Collectors.joining(File.pathSeparator));
	}

}
