// Package ingest reads articles from files, feeds and URLs, codes them into
// CAMEO events with a Coder, and writes them to a schema.Store in batches:
// bounded workers, backpressure, retries when the store goes away, and
// idempotent, resumable runs (article IDs are stable, writes are upserts).
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
	"time"
)

// Document is an article as read from a source, before coding.
type Document struct {
	ID        string // stable ID; see ArticleID
	URL       string
	Title     string
	Outlet    string
	Published time.Time
	Text      string // plain text; paragraphs separated by blank lines
	// Origin says where the document came from, for messages: "file.jsonl:12".
	Origin string
}

// ArticleID returns a stable article ID: from the canonical URL when there
// is one, else from the given ID, else a hash of the text. The same article
// read twice, from a file or a feed, gets the same ID.
func ArticleID(rawURL, givenID, text string) string {
	if c := CanonicalURL(rawURL); c != "" {
		return "u_" + shortHash(c)
	}
	if id := strings.TrimSpace(givenID); id != "" {
		return id
	}
	return "t_" + shortHash(strings.Join(strings.Fields(text), " "))
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:10])
}

// CanonicalURL normalises a URL so that trivially different spellings of
// one article agree: lower-case scheme and host, no default port, no
// fragment, no tracking parameters (utm_*, fbclid, gclid), sorted query,
// no trailing slash. It returns "" for anything that is not an http(s) URL.
func CanonicalURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80" || u.Scheme == "https" && p == "443") {
		host += ":" + p
	}
	u.Host = host
	u.Fragment, u.RawFragment, u.User = "", "", nil
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || lk == "fbclid" || lk == "gclid" || lk == "mc_cid" || lk == "mc_eid" {
			q.Del(k)
		}
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range q[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
		}
	}
	u.RawQuery = b.String()
	path := strings.TrimRight(u.EscapedPath(), "/")
	if p, err := url.PathUnescape(path); err == nil {
		u.Path, u.RawPath = p, ""
	} else {
		u.Path, u.RawPath = path, ""
	}
	return u.String()
}
