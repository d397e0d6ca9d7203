package dev.healthstarter.bench;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The web server a benchmark server runs on: Spring MVC on Tomcat or Jetty, or WebFlux on Reactor Netty; the bench's
 * class path holds all three.
 */
enum WebServer {

	TOMCAT("Spring MVC on Tomcat", List.of("jetty"), List.of()),
	JETTY("Spring MVC on Jetty", List.of("tomcat"), List.of()),
	NETTY("WebFlux on Reactor Netty", List.of("tomcat", "jetty"), List.of("--spring.main.web-application-type=reactive"));

	private final String description;

	private final List<String> otherServersJars;

	private final List<String> arguments;

	WebServer(String description, List<String> otherServersJars, List<String> arguments) {
		this.description = description;
		this.otherServersJars = otherServersJars;
		this.arguments = arguments;
	}

	/**
	 * @param args a benchmark's arguments
	 * @param index where the stack's name ({@code tomcat}, {@code jetty} or {@code netty}) is, when given
	 * @return the stack named there, Tomcat when {@code args} ends before it
	 */
	static WebServer argument(String[] args, int index) {
		return (args.length > index) ? valueOf(args[index].toUpperCase(Locale.ROOT)) : TOMCAT;
	}

	/** @return the stack's name as {@link #argument} reads it, for the names of log files */
	String argumentName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** @return {@code classpath} without the other servers' jars (any entry whose path names one) */
	String classpath(String classpath) {
		return Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> this.otherServersJars.stream().noneMatch(entry::contains))
			.collect(Collectors.joining(File.pathSeparator));
	}

	/** @return the stack, as a table names it */
	String description() {
		return this.description;
	}

	/** @return the application's arguments that choose this stack */
	List<String> arguments() {
		return this.arguments;
	}

	/** @return whether the stack is Spring MVC, where the naive baseline's {@code SseEmitter} stream runs */
	boolean servlet() {
		return this != NETTY;
	}

}
