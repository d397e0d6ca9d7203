package dev.healthstarter.core;

import java.io.Writer;
import java.util.Map;

/**
 * Writes a check's details as one JSON object. The engine calls it once per result, on the check's own thread
 * and within the check's timeout, so a detail whose getter hangs or throws is confined to that check.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface DetailsSerializer {

	/**
	 * Writes the details.
	 * @param details the details, never empty
	 * @param out where the JSON goes; it throws once the size limit is passed
	 * @throws Exception any failure to write them (the engine reports {@code {"error":"..."}} instead)
	 */
	void write(Map<String, Object> details, Writer out) throws Exception;

}
