package coder

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dyadgraph/dyad/ingest/coder/internal/dict"
)

// TestDebugSentences prints the analysis of the sentences in the file named
// by DYAD_DEBUG ("DATE|TEXT" per line); a development aid, skipped otherwise.
func TestDebugSentences(t *testing.T) {
	path := os.Getenv("DYAD_DEBUG")
	if path == "" {
		t.Skip("set DYAD_DEBUG to a file of DATE|TEXT lines")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := mustCoder(t)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		date, text, ok := strings.Cut(line, "|")
		if !ok {
			text, date = line, "2015-06-09"
		}
		when, _ := time.Parse("2006-01-02", date)
		fmt.Println("##", text)
		a := &analysis{c: c, text: text, toks: tokenize(text)}
		a.day, a.hasDay = dict.Day(when), true
		a.tag()
		a.chunkTokens()
		var b strings.Builder
		for i, tk := range a.toks {
			tag := ""
			if m := a.ment[i]; m >= 0 {
				tag = "/" + a.mentions[m].code
			}
			if a.isVerb[i] {
				tag += "/V"
			}
			if ci := a.chunkOf[i]; ci >= 0 && a.chunks[ci].start == i {
				b.WriteString("[")
			}
			b.WriteString(tk.text + tag)
			if ci := a.chunkOf[i]; ci >= 0 && a.chunks[ci].end == i+1 {
				r := a.resolve(ci)
				b.WriteString("]")
				if r.hasActor {
					b.WriteString("=" + r.actor.Code)
				}
			}
			b.WriteString(" ")
		}
		fmt.Println("  ", b.String())
		for _, g := range a.buildGroups() {
			fmt.Printf("   group %s %s/%s code=%s pass=%v neg=%v fut=%v comp=%v\n", a.toks[g.head].text, g.verb.block, g.verb.lemma, g.verb.code, g.passive, g.neg, g.future, g.comp != nil)
		}
		res, _ := c.Code(context.Background(), Document{Text: text, Published: when})
		for _, e := range res.Events {
			rep := ""
			if e.ReportedBy != nil {
				rep = " rep=" + e.ReportedBy.Code
			}
			fmt.Printf("   => %s %s %s %s%s %v\n", e.Source.Code, e.Target.Code, e.Code, e.Date.Format("2006-01-02"), rep, e.Evidence)
		}
		for _, s := range res.Skipped {
			fmt.Println("   skip:", s.Reason)
		}
	}
}

// TestDumpPredictions prints, for every record of the gold files named in
// DYAD_DUMP (comma-separated, under testdata), one JSON line with the
// record id and the coded events; a development aid for comparing runs
// sentence by sentence, skipped otherwise.
func TestDumpPredictions(t *testing.T) {
	env := os.Getenv("DYAD_DUMP")
	if env == "" {
		t.Skip("set DYAD_DUMP to a comma list of testdata files")
	}
	c := mustCoder(t)
	for _, name := range strings.Split(env, ",") {
		f, err := os.Open("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var rec struct{ ID, Date, Text string }
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			when, _ := time.Parse("2006-01-02", rec.Date)
			res, _ := c.Code(context.Background(), Document{Text: rec.Text, Published: when})
			var evs [][4]string
			for _, e := range res.Events {
				evs = append(evs, [4]string{e.Source.Code, e.Target.Code, e.Code, e.Date.Format("2006-01-02")})
			}
			b, _ := json.Marshal(struct {
				File, ID string
				Events   [][4]string
			}{name, rec.ID, evs})
			fmt.Println(string(b))
		}
		f.Close()
	}
}
