package dev.healthstarter.fleet;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a {@code text/event-stream} body as the HTML Living Standard's "Interpreting an event stream" says
 * (section 9.2.6, Server-Sent Events): a leading UTF-8 byte order mark is skipped; lines end with CRLF, LF or CR (a
 * CRLF split between two reads is one line end); a line starting with {@code :} is a comment; a field's value
 * follows its first {@code :}, one space after it dropped, and a line without {@code :} is a field of that name with
 * an empty value; {@code data} values are joined with LF; a blank line dispatches the event, unless its data is
 * empty. Only the data is kept: the peers' frames need neither {@code event}, {@code id} nor {@code retry}, which are
 * read and ignored. Bounded: a line and the event's data together over {@code maxEventBytes} fail the read. Not
 * thread-safe: one stream, read by one thread at a time (the HTTP client's {@code onNext} calls are sequential).
 */
final class EventStreamReader {

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private final int maxEventBytes;

	private final Consumer<byte[]> events;

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private final ByteArrayOutputStream data = new ByteArrayOutputStream();

	/** Whether any data line was read for the event, so that {@code data:} alone still counts. */
	private boolean hasData;

	private boolean afterCarriageReturn;

	/** How many bytes of the stream's start were compared with the byte order mark; 3 once decided. */
	private int startRead;

	/**
	 * @param maxEventBytes most bytes of one event's data and the line being read together
	 * @param events receives each dispatched event's data (UTF-8 bytes, data lines joined with LF)
	 */
	EventStreamReader(int maxEventBytes, Consumer<byte[]> events) {
		this.maxEventBytes = maxEventBytes;
		this.events = events;
	}

	/**
	 * Reads the next bytes of the stream; events completed by them go to the consumer before this returns.
	 * @param buffer the bytes, consumed
	 * @throws TooLargeException when an event grows over {@code maxEventBytes}
	 */
	void read(ByteBuffer buffer) {
		while (buffer.hasRemaining()) {
			read(buffer.get());
		}
	}

	private void read(byte b) {
		if (this.startRead < BYTE_ORDER_MARK.length) {
			if (b == BYTE_ORDER_MARK[this.startRead]) {
				this.startRead++;
				return;
			}
			// not a byte order mark: the bytes that matched its start are the stream's
			int matched = this.startRead;
			this.startRead = BYTE_ORDER_MARK.length;
			for (int i = 0; i < matched; i++) {
				read(BYTE_ORDER_MARK[i]);
			}
		}
		if (b == '\n' && this.afterCarriageReturn) {
			this.afterCarriageReturn = false;
			return;
		}
		this.afterCarriageReturn = b == '\r';
		if (b == '\n' || b == '\r') {
			line();
			return;
		}
		if (this.line.size() + this.data.size() >= this.maxEventBytes) {
			throw new TooLargeException(this.maxEventBytes);
		}
		this.line.write(b);
	}

	private void line() {
		byte[] bytes = this.line.toByteArray();
		this.line.reset();
		if (bytes.length == 0) {
			dispatch();
			return;
		}
		if (bytes[0] == ':') {
			return;
		}
		int colon = indexOf(bytes, (byte) ':');
		int nameEnd = (colon < 0) ? bytes.length : colon;
		if (!new String(bytes, 0, nameEnd, StandardCharsets.UTF_8).equals("data")) {
			return;
		}
		int valueStart = (colon < 0) ? bytes.length : colon + 1;
		if (valueStart < bytes.length && bytes[valueStart] == ' ') {
			valueStart++;
		}
		if (this.hasData) {
			this.data.write('\n');
		}
		this.hasData = true;
		this.data.write(bytes, valueStart, bytes.length - valueStart);
	}

	private void dispatch() {
		boolean any = this.hasData;
		byte[] event = this.data.toByteArray();
		this.data.reset();
		this.hasData = false;
		if (any && event.length > 0) {
			this.events.accept(event);
		}
	}

	private static int indexOf(byte[] bytes, byte b) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == b) {
				return i;
			}
		}
		return -1;
	}

	/** An event over the reader's bound; its message says the bound in bytes. */
	static final class TooLargeException extends RuntimeException {

		TooLargeException(int maxEventBytes) {
			super("sent a frame larger than " + maxEventBytes + " bytes", null, false, false);
		}

	}

}
