/**
 * Load benchmarks: loopback load clients, the naive baselines they are compared with, and the drivers that
 * print same-run ratios.
 */
package dev.healthstarter.bench;
