package dev.healthstarter.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.healthstarter.HealthCheckResult;
import dev.healthstarter.HealthState;
import dev.healthstarter.core.AvailabilityStates;
import dev.healthstarter.core.CheckSettings;
import dev.healthstarter.core.HealthEngine;
import dev.healthstarter.core.ResultLimits;
import dev.healthstarter.web.stream.HealthStreamBroadcaster;
import dev.healthstarter.web.stream.StreamConnection;
import dev.healthstarter.web.stream.StreamLimits;
import dev.healthstarter.web.stream.StreamMode;
import dev.healthstarter.web.stream.StreamRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The health endpoints' contract as every stack's adapter gets it: status codes, formats and visibility of a group's
 * answer, how a stream request is read, and the problem details of refusals. Over a real engine whose {@code db}
 * check (readiness) and {@code reports} check (group {@code batch}) answer what a test sets.
 */
class HealthEndpointSupportTests {

	private static final Principal ALICE = () -> "alice";

	private static final String TOKEN = "Bearer fleet-secret";

	private final AtomicReference<HealthCheckResult> db = new AtomicReference<>(
			HealthCheckResult.healthy("pinged db.internal:5432"));

	private final HealthEngine engine = new HealthEngine(
			Map.of("db", this.db::get, "reports", () -> HealthCheckResult.degraded("behind by 3 runs")),
			(name) -> new CheckSettings(Duration.ofSeconds(1),
					name.equals("reports") ? Set.of("batch") : CheckSettings.DEFAULT_GROUPS, true, true),
			Duration.ZERO, 2, ResultLimits.DEFAULTS, new AvailabilityStates(null, Clock.systemUTC()),
			Clock.systemUTC());

	private final HealthStreamBroadcaster broadcaster = new HealthStreamBroadcaster(this.engine,
			new HealthBodies(new HealthJson()), new StreamLimits(100, 100, Duration.ofSeconds(15),
					Duration.ofSeconds(10), Duration.ofMinutes(1)),
			2, false, Clock.systemUTC());

	private final StreamConnection connection = new StreamConnection() {

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void listen(Runnable onWritable, Consumer<Throwable> onError) {
		}

	};

	@AfterEach
	void close() {
		this.broadcaster.close();
		this.engine.close();
	}

	@Test
	void healthyAndDegradedAnswer200AndUnhealthyAnswers503ByDefault() throws Exception {
		HealthEndpointSupport support = support(Visibility.ALWAYS);
		assertThat(support.health("readiness", anonymous()).get(10, TimeUnit.SECONDS).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(support.health("batch", anonymous()).get(10, TimeUnit.SECONDS).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		this.db.set(HealthCheckResult.unhealthy("connection refused"));
		ResponseEntity<byte[]> unhealthy = support.health(null, anonymous()).get(10, TimeUnit.SECONDS);
		assertThat(unhealthy.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(json(unhealthy).get("status").asString()).isEqualTo("unhealthy");
	}

	@Test
	void theStatusCodesFollowTheConfiguredMapping() throws Exception {
		HealthEndpointSupport support = new HealthEndpointSupport(this.engine, this.broadcaster,
				Map.of(HealthState.HEALTHY, 200, HealthState.DEGRADED, 299, HealthState.UNHEALTHY, 500),
				Visibility.ALWAYS, new HealthBodies(new HealthJson()), Duration.ofSeconds(1), Duration.ofMillis(100),
				Duration.ofHours(1), null);
		assertThat(support.health("batch", anonymous()).get(10, TimeUnit.SECONDS).getStatusCode().value())
			.isEqualTo(299);
		this.db.set(HealthCheckResult.unhealthy("connection refused"));
		assertThat(support.health("readiness", anonymous()).get(10, TimeUnit.SECONDS).getStatusCode().value())
			.isEqualTo(500);
	}

	@Test
	void everyAnswerIsJsonThatNoCacheStores() throws Exception {
		ResponseEntity<byte[]> answer = support(Visibility.ALWAYS).health(null, anonymous())
			.get(10, TimeUnit.SECONDS);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(answer.getHeaders().getCacheControl()).isEqualTo("no-store");
		JsonNode body = json(answer);
		assertThat(body.get("status").asString()).isEqualTo("degraded");
		assertThat(body.get("checks").get("db").get("state").asString()).isEqualTo("healthy");
		assertThat(body.get("checks").get("reports").get("message").asString()).isEqualTo("behind by 3 runs");
	}

	@Test
	void aGroupAnswersForItsOwnChecksOnly() throws Exception {
		HealthEndpointSupport support = support(Visibility.ALWAYS);
		assertThat(json(support.health("batch", anonymous()).get(10, TimeUnit.SECONDS)).get("checks").propertyNames())
			.containsExactly("reports");
		assertThat(json(support.health("readiness", anonymous()).get(10, TimeUnit.SECONDS)).get("checks")
			.propertyNames()).containsExactly("db");
		assertThat(json(support.health("liveness", anonymous()).get(10, TimeUnit.SECONDS)).get("checks")
			.propertyNames()).isEmpty();
	}

	@Test
	void healthJsonIsAnsweredOnlyWhenTheCallerPrefersIt() throws Exception {
		HealthEndpointSupport support = support(Visibility.ALWAYS);
		for (String accept : new String[] { "application/health+json", "application/json;q=0.5, application/health+json",
				"application/health+json, */*" }) {
			ResponseEntity<byte[]> answer = support.health(null, accepting(accept)).get(10, TimeUnit.SECONDS);
			assertThat(answer.getHeaders().getContentType()).as(accept)
				.isEqualTo(MediaType.parseMediaType("application/health+json"));
			assertThat(json(answer).get("status").asString()).as(accept).isEqualTo("warn");
		}
		for (String accept : new String[] { "application/json", "*/*", "application/health+json;q=0.5, application/json",
				"application/health+json;q=0", "application/health+json;q=nonsense", "text/html" }) {
			ResponseEntity<byte[]> answer = support.health(null, accepting(accept)).get(10, TimeUnit.SECONDS);
			assertThat(answer.getHeaders().getContentType()).as(accept).isEqualTo(MediaType.APPLICATION_JSON);
			assertThat(json(answer).get("status").asString()).as(accept).isEqualTo("degraded");
		}
	}

	@Test
	void anonymousCallersSeeWhatTheVisibilityGivesThemAndAuthorizedOnesMore() throws Exception {
		HealthEndpointSupport support = support(new Visibility(Show.ALWAYS, Show.WHEN_AUTHORIZED, Set.of()));
		JsonNode anonymous = json(support.health(null, anonymous()).get(10, TimeUnit.SECONDS));
		assertThat(anonymous.get("checks").get("reports").has("message")).isFalse();
		assertThat(anonymous.get("checks").get("reports").get("state").asString()).isEqualTo("degraded");
		JsonNode authorized = json(support.health(null, caller(ALICE, null, null)).get(10, TimeUnit.SECONDS));
		assertThat(authorized.get("checks").get("reports").get("message").asString()).isEqualTo("behind by 3 runs");
	}

	@Test
	void aPeerBearingTheFleetTokenSeesNamesAndStatesWhereAnonymousCallersSeeNoChecks() throws Exception {
		HealthEndpointSupport support = support(new Visibility(Show.NEVER, Show.NEVER, Set.of()));
		assertThat(json(support.health(null, anonymous()).get(10, TimeUnit.SECONDS)).has("checks")).isFalse();
		JsonNode peer = json(support.health(null, caller(null, TOKEN, null)).get(10, TimeUnit.SECONDS));
		assertThat(peer.get("checks").get("reports").get("state").asString()).isEqualTo("degraded");
		assertThat(peer.get("checks").get("reports").has("message")).isFalse();
		assertThat(support.shown(caller(null, TOKEN, null))).isEqualTo(Shown.COMPONENTS);
		for (String authorization : new String[] { "Bearer fleet-secreT", "Bearer fleet-secret ", "fleet-secret",
				"Basic fleet-secret", "Bearer" }) {
			assertThat(support.shown(caller(null, authorization, null))).as(authorization).isEqualTo(Shown.STATUS);
		}
	}

	@Test
	void aKnownGroupIsRequiredAndAnUnknownOneIsANotFoundProblemNamingTheGroupsThatExist() {
		HealthEndpointSupport support = support(Visibility.ALWAYS);
		assertThat(support.requireGroup("batch")).isEqualTo("batch");
		assertThat(support.requireGroup("startup")).isEqualTo("startup");
		ErrorResponseException unknown = assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> support.requireGroup("nope"))
			.actual();
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknown.getBody().getDetail())
			.isEqualTo("No health group named 'nope'; groups: batch, liveness, readiness, startup");
		assertThat(unknown.getBody().getProperties()).containsEntry("groups",
				List.of("batch", "liveness", "readiness", "startup"));
	}

	@Test
	void theDashboardsPathWithTheDashboardOffSaysHowToTurnItOn() {
		ErrorResponseException ui = assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> support(Visibility.ALWAYS).requireGroup("ui"))
			.actual();
		assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(ui.getBody().getDetail()).contains("health.ui.enabled=true");
	}

	@Test
	void aStreamRequestReadsItsIntervalAndMode() {
		HealthEndpointSupport support = support(Visibility.ALWAYS);
		StreamRequest request = support.streamRequest(new HealthEndpointSupport.StreamTarget("batch", false),
				caller(null, null, Map.of("poll_interval", "2.5", "mode", "changes")), this.connection);
		assertThat(request.group()).isEqualTo("batch");
		assertThat(request.fleet()).isFalse();
		assertThat(request.interval()).isEqualTo(Duration.ofMillis(2500));
		assertThat(request.mode()).isEqualTo(StreamMode.CHANGES);
		assertThat(request.client()).isEqualTo("203.0.113.7");
		assertThat(request.connection()).isSameAs(this.connection);
		StreamRequest defaults = support.streamRequest(new HealthEndpointSupport.StreamTarget(null, true), anonymous(), this.connection);
		assertThat(defaults.interval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(defaults.mode()).isEqualTo(StreamMode.POLL);
		assertThat(defaults.fleet()).isTrue();
	}

	@Test
	void aStreamPathNamesItsGroupAndWithoutAFleetTheFleetPathIsAGroupsPath() {
		HealthEndpointSupport support = support(Visibility.ALWAYS);
		assertThat(support.groupStream(null)).isEqualTo(new HealthEndpointSupport.StreamTarget(null, false));
		assertThat(support.groupStream("batch")).isEqualTo(new HealthEndpointSupport.StreamTarget("batch", false));
		ErrorResponseException unknown = assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> support.groupStream("nope"))
			.actual();
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		// no fleet is configured here, and no group is named fleet
		ErrorResponseException fleet = assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(support::fleetStream)
			.actual();
		assertThat(fleet.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void aHeadOfAStreamAnswersTheStreamsHeadersAfterCheckingItsParameters() {
		HealthEndpointSupport support = support(Visibility.ALWAYS);
		HealthEndpointSupport.StreamTarget all = support.groupStream(null);
		assertThat(support.<Void>headersOnly(all, anonymous())).as("a GET opens the stream").isNull();
		ResponseEntity<Void> head = support.headersOnly(all, head(Map.of("poll_interval", "2")));
		assertThat(head).isNotNull();
		assertThat(head.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(head.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_EVENT_STREAM);
		assertThat(head.getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(head.getHeaders().getFirst("X-Accel-Buffering")).isEqualTo("no");
		assertThat(head.getBody()).isNull();
		ErrorResponseException bad = assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> support.headersOnly(all, head(Map.of("poll_interval", "fast"))))
			.actual();
		assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
	}

	@Test
	void aStreamRequestWithABadIntervalOrModeIsABadRequestNamingTheParameter() {
		HealthEndpointSupport support = support(Visibility.ALWAYS);
		assertThat(badRequest(support, Map.of("poll_interval", "0"))).containsEntry("parameter", "poll_interval");
		assertThat(badRequest(support, Map.of("mode", "change"))).containsEntry("parameter", "mode");
	}

	@Test
	void onlyAnAuthorizedCallersStreamIsMarkedAsGrantedByItsAuthorizationAndAPeersNever() {
		HealthEndpointSupport support = support(new Visibility(Show.ALWAYS, Show.WHEN_AUTHORIZED, Set.of()));
		StreamRequest anonymous = support.streamRequest(new HealthEndpointSupport.StreamTarget(null, false), anonymous(), this.connection);
		assertThat(anonymous.shown()).isEqualTo(Shown.COMPONENTS);
		assertThat(anonymous.grantedByAuthorization()).isFalse();
		assertThat(anonymous.peer()).isFalse();
		StreamRequest authorized = support.streamRequest(new HealthEndpointSupport.StreamTarget(null, false), caller(ALICE, null, null), this.connection);
		assertThat(authorized.shown()).isEqualTo(Shown.DETAILS);
		assertThat(authorized.grantedByAuthorization()).isTrue();
		StreamRequest peer = support.streamRequest(new HealthEndpointSupport.StreamTarget(null, false), caller(ALICE, TOKEN, null), this.connection);
		assertThat(peer.shown()).isEqualTo(Shown.COMPONENTS);
		assertThat(peer.peer()).isTrue();
		assertThat(peer.grantedByAuthorization()).isFalse();
	}

	@Test
	void aStreamAnswersAsAnEventStreamThatNoCacheOrProxyHoldsBack() {
		ResponseEntity<Void> headers = support(Visibility.ALWAYS).streamHeaders().build();
		assertThat(headers.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(headers.getHeaders().getContentType()).isEqualTo(MediaType.TEXT_EVENT_STREAM);
		assertThat(headers.getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(headers.getHeaders().getFirst("X-Accel-Buffering")).isEqualTo("no");
	}

	@Test
	void aRefusedMethodIsAMethodNotAllowedProblemThatListsGetAndHead() {
		ResponseEntity<ProblemDetail> problem = HealthEndpointSupport
			.problem(HealthEndpointSupport.methodNotAllowed("POST"));
		assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
		assertThat(problem.getHeaders().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.HEAD);
		assertThat(problem.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(problem.getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(problem.getBody().getStatus()).isEqualTo(405);
		assertThat(problem.getBody().getDetail()).startsWith("Method POST is not supported here");
	}

	@Test
	void aProblemKeepsTheHeadersOfItsRefusal() {
		ErrorResponseException refusal = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
				ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Too many streams"), null);
		refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		ResponseEntity<ProblemDetail> problem = HealthEndpointSupport.problem(refusal);
		assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(problem.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(problem.getHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(problem.getBody().getDetail()).isEqualTo("Too many streams");
	}

	private HealthEndpointSupport support(Visibility visibility) {
		return new HealthEndpointSupport(this.engine, this.broadcaster,
				Map.of(HealthState.HEALTHY, 200, HealthState.DEGRADED, 200, HealthState.UNHEALTHY, 503), visibility,
				new HealthBodies(new HealthJson()), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofHours(1),
				new PeerToken("fleet-secret"));
	}

	private Map<String, Object> badRequest(HealthEndpointSupport support, Map<String, String> parameters) {
		ErrorResponseException refusal = assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> support.streamRequest(new HealthEndpointSupport.StreamTarget(null, false), caller(null, null, parameters), this.connection))
			.actual();
		assertThat(refusal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		return refusal.getBody().getProperties();
	}

	private static HealthCaller anonymous() {
		return caller(null, null, null);
	}

	private static HealthCaller accepting(String accept) {
		return new HealthCaller(null, (role) -> false, null, accept, "203.0.113.7", false, (name) -> null);
	}

	private static HealthCaller caller(@Nullable Principal principal, @Nullable String authorization,
			@Nullable Map<String, String> parameters) {
		return new HealthCaller(principal, (role) -> false, authorization, null, "203.0.113.7", false,
				(name) -> (parameters != null && parameters.containsKey(name)) ? new String[] { parameters.get(name) }
						: null);
	}

	private static HealthCaller head(Map<String, String> parameters) {
		return new HealthCaller(null, (role) -> false, null, null, "203.0.113.7", true,
				(name) -> parameters.containsKey(name) ? new String[] { parameters.get(name) } : null);
	}

	private static JsonNode json(ResponseEntity<byte[]> answer) {
		return JsonMapper.builder().build().readTree(answer.getBody());
	}

}
