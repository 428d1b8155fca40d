// Package filelock is the cross-process advisory lock shared by the cache
// (read-merge-write of history files) and the alert state (load, step,
// save): two whoosh processes on one cache directory — a dashboard and a
// cron snapshot — take turns instead of losing each other's writes.
package filelock
