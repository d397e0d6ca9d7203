package dev.healthstarter.fleet;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * How the fleet's links reach their peers ({@code health.fleet.scheme}): plain HTTP, or HTTPS with the SSL context of
 * a Spring Boot SSL bundle ({@code health.fleet.ssl.bundle}, defined under {@code spring.ssl.bundle.*}: Spring Boot
 * reference, "SSL", "SSL Bundles"), or without one the JVM's default context. Every link uses the one scheme: a member
 * listed with another is never linked, so a bundle covers every link and no link is made in clear text beside TLS.
 * <p>
 * Over HTTPS the bundle's trust store verifies each peer's server certificate, and its key store, when it has one, is
 * presented as this instance's client certificate to a peer that asks for one (mutual TLS, Boot's
 * {@code server.ssl.client-auth}); its ciphers and protocols ({@code spring.ssl.bundle.*.options}) are the links'.
 * The peer's name is always checked against its certificate, as the JDK's HTTP client does unless the JVM is
 * started with {@code -Djdk.internal.httpclient.disableHostnameVerification}: a peer reached by a DNS name needs that
 * name among its certificate's DNS subject alternative names (RFC 6125 section 6), and a peer reached by an IP address
 * (every DNS member, static peers listed by address, discovered instances registered by address) needs that address
 * among its IP subject alternative names (RFC 2818 section 3.1); a common name alone never matches.
 * <p>
 * The bundle is read once, when the transport is created; immutable and thread-safe.
 */
public final class FleetTransport {

	private static final FleetTransport HTTP = new FleetTransport("http", null, null);

	private final String scheme;

	private final @Nullable SSLContext sslContext;

	private final @Nullable SSLParameters sslParameters;

	private FleetTransport(String scheme, @Nullable SSLContext sslContext, @Nullable SSLParameters sslParameters) {
		this.scheme = scheme;
		this.sslContext = sslContext;
		this.sslParameters = sslParameters;
	}

	/**
	 * @return links in clear text, the default
	 */
	public static FleetTransport http() {
		return HTTP;
	}

	/**
	 * @return links over TLS that trust what the JVM trusts ({@code javax.net.ssl.trustStore}, else its
	 * {@code cacerts}) and present no client certificate
	 */
	public static FleetTransport https() {
		return new FleetTransport("https", null, null);
	}

	/**
	 * @param bundle the SSL bundle whose trust store verifies the peers and whose key store, if any, is this
	 * instance's client certificate
	 * @return links over TLS with the bundle's context, ciphers and protocols
	 */
	public static FleetTransport https(SslBundle bundle) {
		SSLContext context = bundle.createSslContext();
		SslOptions options = bundle.getOptions();
		SSLParameters parameters = null;
		if (options.isSpecified()) {
			parameters = context.getDefaultSSLParameters();
			if (options.getCiphers() != null) {
				parameters.setCipherSuites(options.getCiphers());
			}
			if (options.getEnabledProtocols() != null) {
				parameters.setProtocols(options.getEnabledProtocols());
			}
		}
		return new FleetTransport("https", context, parameters);
	}

	/**
	 * @return {@code http} or {@code https}
	 */
	public String scheme() {
		return this.scheme;
	}

	/**
	 * @param member a member's base URL
	 * @return whether the links reach it: its scheme is this transport's
	 */
	public boolean reaches(URI member) {
		return member.getScheme() != null && this.scheme.equals(member.getScheme().toLowerCase(Locale.ROOT));
	}

	/**
	 * @param client a client's builder
	 * @return the builder, with this transport's SSL context and parameters when it has them
	 */
	HttpClient.Builder configure(HttpClient.Builder client) {
		if (this.sslContext != null) {
			client.sslContext(this.sslContext);
		}
		if (this.sslParameters != null) {
			client.sslParameters(this.sslParameters);
		}
		return client;
	}

	@Override
	public String toString() {
		return (this.sslContext != null) ? this.scheme + " with an SSL bundle" : this.scheme;
	}

}
