// Package schema holds Dyad's domain: actors, articles, places, events and
// their mentions, the Store interface every storage backend implements, and
// the pure functions that turn grouped store rows into analyst answers.
package schema
