package dgraph

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/schema/cameo"
)

// Dgraph's N-Quad lexer accepts \" \\ \n \r \t \uXXXX and unquotes the
// literal with strconv.Unquote; every literal must survive that.
func TestWriteLiteralUnquotes(t *testing.T) {
	for _, s := range []string{"", "plain", `quote " backslash \ slash /`, "nl \n cr \r tab \t nul \x00 del \x7f", "é 中文 😀 \u2028", `\u0041 \n literally`} {
		var b strings.Builder
		writeLiteral(&b, s)
		lit := b.String()
		if strings.ContainsAny(lit, "\n\r") {
			t.Errorf("literal of %q contains a raw line break: %s", s, lit)
		}
		got, err := strconv.Unquote(lit)
		if err != nil || got != s {
			t.Errorf("Unquote(%s) = %q, %v; want %q", lit, got, err, s)
		}
	}
}

// containsRegexp must match the text literally, case-insensitively, and
// contain no '/' (the DQL parser splits regexps at the last '/').
func TestContainsRegexp(t *testing.T) {
	for _, tt := range []struct {
		search, in string
		want       bool
	}{
		{"rus", "RUSGOV", true},
		{".*", "a.*b", true},
		{".*", "ab", false},
		{"a/b", "xA/By", true},
		{`\d`, `x\dy`, true},
		{`\d`, "x1y", false},
		{"(b)[", "a(B)[", true},
	} {
		lit := containsRegexp(tt.search)
		if !strings.HasPrefix(lit, "/") || !strings.HasSuffix(lit, "/i") || strings.Contains(lit[1:len(lit)-2], "/") {
			t.Errorf("containsRegexp(%q) = %s: want /…/i without inner slashes", tt.search, lit)
			continue
		}
		re := regexp.MustCompile("(?i)" + lit[1:len(lit)-2])
		if got := re.MatchString(tt.in); got != tt.want {
			t.Errorf("%s matches %q = %v, want %v", lit, tt.in, got, tt.want)
		}
	}
}

func TestCursorRoundTrip(t *testing.T) {
	day := time.Date(2015, 9, 30, 0, 0, 0, 0, time.UTC)
	d, id, err := decodeCursor(encodeCursor(day, "ev_0123"))
	if err != nil || !d.Equal(day) || id != "ev_0123" {
		t.Errorf("round trip = %v, %q, %v", d, id, err)
	}
	for _, bad := range []string{"", "!!", "not a cursor!", encodeCursor(day, "")} {
		if _, _, err := decodeCursor(bad); err == nil {
			t.Errorf("decodeCursor(%q): no error", bad)
		}
	}
}

// Quad classes are runs of roots, so a quad filter is one code range.
func TestCodeRanges(t *testing.T) {
	roots, quads := rootsOf(cameo.MustStandard())
	if len(roots) != 20 || roots[0] != "01" || roots[19] != "20" {
		t.Fatalf("roots = %v", roots)
	}
	for _, tt := range []struct {
		roots []string
		want  []string
	}{
		{quads[1], []string{"01", "05~"}},
		{quads[4], []string{"14", "20~"}},
		{append(append([]string{}, quads[3]...), quads[4]...), []string{"09", "20~"}},
		{[]string{"05", "19", "01"}, []string{"01", "01~", "05", "05~", "19", "19~"}},
		{[]string{"99", "0", "1"}, nil},
		{[]string{"99", "07"}, []string{"07", "07~"}},
	} {
		q := newQuery()
		funcs := codeRanges(q, tt.roots, roots)
		var got []string
		for i := range funcs {
			got = append(got, q.vars["$v"+strconv.Itoa(2*i)], q.vars["$v"+strconv.Itoa(2*i+1)])
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") || len(funcs) != len(tt.want)/2 {
			t.Errorf("codeRanges(%v) bounds = %v, want %v", tt.roots, got, tt.want)
		}
	}
}

func TestUIDCacheIsBounded(t *testing.T) {
	c := newUIDCache(10)
	for i := range 100 {
		c.put(strconv.Itoa(i), "0x"+strconv.Itoa(i))
		c.get("0") // keep one entry hot
	}
	if n := len(c.cur) + len(c.old); n > 10 {
		t.Errorf("cache holds %d entries, want at most 10", n)
	}
	if uid, ok := c.get("0"); !ok || uid != "0x0" {
		t.Errorf("hot entry evicted: %q, %v", uid, ok)
	}
	if _, ok := c.get("1"); ok {
		t.Error("cold entry 1 still cached")
	}
	c.clear()
	if _, ok := c.get("0"); ok {
		t.Error("entry survived clear")
	}
}

func TestRollupTextRoundTrip(t *testing.T) {
	codes := codeStats{}
	codes.add("190", codeStat{n: 2, first: "2015-03-01", last: "2015-04-02"})
	codes.add("042", codeStat{n: 1, first: "2014-01-09", last: "2014-01-09"})
	codes.add("190", codeStat{n: 1, first: "2014-12-31", last: "2014-12-31"})
	text := encodeCodes(codes)
	if text != "042 1 2014-01-09 2014-01-09;190 3 2014-12-31 2015-04-02" {
		t.Errorf("encodeCodes = %q", text)
	}
	back := codeStats{}
	if err := decodeCodes(text, func(c string, st codeStat) error { back.add(c, st); return nil }); err != nil {
		t.Fatal(err)
	}
	if encodeCodes(back) != text {
		t.Errorf("codes round trip: %q", encodeCodes(back))
	}
	var lines []deltaEvent
	if err := parseDelta("RUS SYR 2015-10-01 190\nUSAGOV IGOUNO 2016-01-02 042", func(e deltaEvent) error {
		lines = append(lines, e)
		return nil
	}); err != nil || len(lines) != 2 || lines[1] != (deltaEvent{"USAGOV", "IGOUNO", "2016-01-02", "042"}) {
		t.Errorf("parseDelta = %+v, %v", lines, err)
	}
	for _, bad := range []string{"RUS SYR 2015-10-01", "RUS SYR 2015-10 190", "RUS SYR 2015-10-01 190 extra"} {
		if err := parseDelta(bad, func(deltaEvent) error { return nil }); err == nil {
			t.Errorf("parseDelta(%q): no error", bad)
		}
	}
	for _, bad := range []string{"190 x 2015-01-01 2015-01-02", "190 0 2015-01-01 2015-01-02", "190 1 2015-01-01"} {
		if err := decodeCodes(bad, func(string, codeStat) error { return nil }); err == nil {
			t.Errorf("decodeCodes(%q): no error", bad)
		}
	}
}
