package jp.mamori.agent.daemon;

/** A job with its schedule; {@code runOnStart} also runs it as soon as the daemon is up. */
public record ScheduledJob(CheckJob job, Schedule schedule, boolean runOnStart) {}
