package com.acme.orders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends malformed, duplicated, huge and odd requests as raw bytes (so nothing is cleaned up by a client) and
 * requires no 5xx, no stack trace in any body, a problem detail for every rejection that reaches the starter, and
 * no ERROR log. The matrix is printed for the record.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
@Timeout(120)
class BadInputMatrixTests {

	private static final String STREAM = "/health/$stream";

	@LocalServerPort
	private int port;

	@Test
	void noBadInputGetsA5xxOrAStackTrace(CapturedOutput output) throws IOException {
		List<Case> cases = new ArrayList<>();
		for (String value : List.of("abc", "-1", "0", "0.0", "NaN", "Infinity", "1e3", "0x10", "0.05", "3601",
				"99999999999999999999", "%20%31", "1,2", "1..2", "9".repeat(4000), "%00", "")) {
			cases.add(new Case("GET", STREAM + "?poll_interval=" + value, "", 400, true));
		}
		cases.add(new Case("GET", STREAM + "?poll_interval=1&poll_interval=2", "", 400, true));
		cases.add(new Case("GET", STREAM + "?mode=sometimes", "", 400, true));
		cases.add(new Case("GET", STREAM + "?mode=poll&mode=changes", "", 400, true));
		cases.add(new Case("GET", STREAM + "?mode=", "", 400, true));
		cases.add(new Case("GET", "/health/" + "x".repeat(300), "", 404, true));
		cases.add(new Case("GET", "/health/" + "x".repeat(300) + "/$stream", "", 404, true));
		cases.add(new Case("GET", "/health/%E2%9D%A4", "", 404, true));
		cases.add(new Case("GET", "/health/a%2Fb", "", 400, false));
		cases.add(new Case("GET", "/health/a%00b", "", 400, false));
		cases.add(new Case("GET", "/health/%ZZ", "", 400, false));
		cases.add(new Case("GET", "/health/readiness;jsessionid=abc", "", 200, false));
		cases.add(new Case("POST", "/health", "", 405, true));
		cases.add(new Case("PUT", "/health/readiness", "", 405, true));
		cases.add(new Case("DELETE", STREAM, "", 405, true));
		cases.add(new Case("PATCH", "/health/readiness/$stream", "", 405, true));
		cases.add(new Case("TRACE", "/health", "", 405, false));
		cases.add(new Case("OPTIONS", "/health", "", 200, false));
		cases.add(new Case("GET", "/health", "Accept: text/plain\r\n", 200, false));
		cases.add(new Case("GET", "/health", "Accept: garbage///;;q\r\n", 200, false));
		cases.add(new Case("GET", "/health", "Accept: application/health+json;q=abc\r\n", 200, false));
		cases.add(new Case("GET", "/health", "Accept: " + "x".repeat(20_000) + "\r\n", 400, false));
		cases.add(new Case("GET", "/health?poll_interval=abc", "", 200, false));
		cases.add(new Case("GET", STREAM + "?poll_interval=1", "Last-Event-ID: not-a-number\r\n", 200, false));
		cases.add(new Case("GET", "/metrics", "Accept: application/openmetrics-text;version=9\r\n", 200, false));

		System.out.println("| request | status | problem+json |");
		System.out.println("| --- | ---: | --- |");
		for (Case test : cases) {
			Answer answer = send(test);
			String shown = (test.target.length() > 60) ? test.target.substring(0, 57) + "..." : test.target;
			System.out.printf("| %s %s %s | %d | %s |%n", test.method, shown, test.headers.isEmpty() ? "" : "(" +
					test.headers.strip().split(":")[0] + " header)", answer.status, answer.problem);
			assertThat(answer.status).as(test.toString()).isLessThan(500).isEqualTo(test.expected);
			assertThat(answer.body).as(test.toString()).doesNotContain("Exception").doesNotContain("\tat ");
			if (test.problem) {
				assertThat(answer.problem).as(test.toString()).isTrue();
			}
		}
		assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
		assertThat(output).doesNotContain(" ERROR ");
	}

	private Answer send(Case test) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(3000);
			OutputStream out = socket.getOutputStream();
			out.write((test.method + " " + test.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
					+ test.headers + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String response = read(socket.getInputStream());
			int status = Integer.parseInt(response.substring(9, 12));
			boolean problem = response.toLowerCase().contains("content-type: application/problem+json");
			int bodyStart = response.indexOf("\r\n\r\n");
			return new Answer(status, problem, (bodyStart < 0) ? "" : response.substring(bodyStart + 4));
		}
	}

	/** Reads until the server closes, or for a stream until its first frame has come. */
	private static String read(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				bytes.write(buffer, 0, read);
				if (bytes.toString(StandardCharsets.ISO_8859_1).contains("data:")) {
					break;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			// A stream that is still open; what came so far is the answer.
		}
		return bytes.toString(StandardCharsets.ISO_8859_1);
	}

	private record Case(String method, String target, String headers, int expected, boolean problem) {
	}

	private record Answer(int status, boolean problem, String body) {
	}

}
