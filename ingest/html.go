package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// decodeUTF8 returns b as UTF-8 text. Valid UTF-8 (with or without a BOM)
// passes; otherwise the declared charset (a Content-Type value or a bare
// name) decodes it. Without a usable declaration it returns a skip reason:
// guessing an encoding would code garbage.
func decodeUTF8(b []byte, declared string) (string, string) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if utf8.Valid(b) {
		return string(b), ""
	}
	name := declared
	if i := indexCharset(declared); i >= 0 {
		name = strings.Trim(declared[i+len("charset="):], `"' ;`)
	}
	if name == "" {
		return "", "not UTF-8 and no charset declared"
	}
	enc, canonical := charset.Lookup(name)
	if enc == nil {
		return "", fmt.Sprintf("unknown encoding %q", name)
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", fmt.Sprintf("cannot decode %s: %v", canonical, err)
	}
	return string(out), ""
}

// htmlCharset finds the encoding an HTML page declares (Content-Type,
// BOM or meta tag) and reports whether it is one Go can decode.
func htmlCharset(b []byte, contentType string) (name string, known bool) {
	if i := indexCharset(contentType); i >= 0 {
		name = strings.Trim(contentType[i+len("charset="):], `"' ;`)
	} else {
		name = metaCharset(b)
	}
	if name == "" {
		return "", true
	}
	enc, _ := charset.Lookup(name)
	return name, enc != nil
}

// metaCharset reads <meta charset> or <meta http-equiv content> from the
// head of a page.
func metaCharset(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b[:min(len(b), 4096)]))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var cs, content string
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "charset":
					cs = string(v)
				case "content":
					content = string(v)
				}
				if !more {
					break
				}
			}
			if cs != "" {
				return cs
			}
			if i := indexCharset(content); i >= 0 {
				return strings.Trim(content[i+len("charset="):], `"' ;`)
			}
		}
	}
}

// htmlDocument extracts an article's main text, title and publication
// time from a web page with go-readability. fallback is the publication
// time when the page has none in its metadata.
func htmlDocument(b []byte, contentType, pageURL string, fallback time.Time) (*Document, string, error) {
	name, known := htmlCharset(b, contentType)
	if !known {
		return nil, fmt.Sprintf("unknown encoding %q", name), nil
	}
	r, err := charset.NewReader(bytes.NewReader(b), contentType)
	if err != nil {
		return nil, fmt.Sprintf("cannot decode the page: %v", err), nil
	}
	var base *url.URL
	if pageURL != "" {
		base, _ = url.Parse(pageURL)
	}
	art, err := readability.FromReader(r, base)
	if err != nil {
		return nil, fmt.Sprintf("no article text: %v", err), nil
	}
	var text strings.Builder
	if art.Node != nil {
		if err := art.RenderText(&text); err != nil {
			return nil, "", fmt.Errorf("rendering the page's text: %w", err)
		}
	}
	body := normaliseSpace(text.String())
	if body == "" {
		return nil, "no article text in the page", nil
	}
	doc := &Document{URL: pageURL, Title: strings.TrimSpace(art.Title()), Outlet: strings.TrimSpace(art.SiteName()), Published: fallback, Text: body}
	if t, err := art.PublishedTime(); err == nil && !t.IsZero() {
		doc.Published = t.UTC()
	}
	doc.ID = ArticleID(pageURL, "", body)
	return doc, "", nil
}

// normaliseSpace trims lines and keeps at most one blank line between
// paragraphs.
func normaliseSpace(s string) string {
	var out []string
	blank := true
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, line)
		blank = false
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// htmlText turns an HTML fragment (a feed item's content) into text, one
// paragraph per block element.
func htmlText(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			// Feeds may carry base64 binary content: keep only valid text.
			return normaliseSpace(strings.ToValidUTF8(b.String(), ""))
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch tag {
			case "script", "style":
				if z.Token().Type == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr":
				b.WriteString("\n\n")
			}
		}
	}
}

// indexCharset finds "charset=" in any letter case. It lowers ASCII
// letters only: strings.ToLower turns each invalid UTF-8 byte into a
// three-byte U+FFFD, and an index into the lowered text would then miss
// the original.
func indexCharset(s string) int {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return bytes.Index(b, []byte("charset="))
}
