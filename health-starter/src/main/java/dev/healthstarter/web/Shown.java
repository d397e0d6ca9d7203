package dev.healthstarter.web;

/**
 * What one caller sees of the checks, decided by {@link Visibility}: each level shows what the one before shows
 * and more.
 */
public enum Shown {

	/** The aggregated status only: no check names. */
	STATUS,

	/** Each check's name, state, timings and {@code critical}, but no message, details or {@code waitingIn}. */
	COMPONENTS,

	/** Everything, messages and details included. */
	DETAILS;

	/**
	 * @return whether checks are listed
	 */
	public boolean components() {
		return this != STATUS;
	}

	/**
	 * @return whether messages, details and {@code waitingIn} are shown
	 */
	public boolean details() {
		return this == DETAILS;
	}

}
