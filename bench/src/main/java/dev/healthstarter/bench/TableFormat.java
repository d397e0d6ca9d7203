package dev.healthstarter.bench;

/** How the benchmarks print figures in their Markdown tables. */
final class TableFormat {

	private TableFormat() {
	}

	/** @return {@code n/a} for no figure, whole numbers from 100 up, three significant digits below */
	static String number(Double value) {
		if (value == null || value.isNaN() || value.isInfinite()) {
			return "n/a";
		}
		return (Math.abs(value) >= 100) ? String.format("%,.0f", value) : String.format("%.3g", value);
	}

	/** @return {@code met} or {@code MISSED} */
	static String pass(boolean met) {
		return met ? "met" : "MISSED";
	}

}
