package coder

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzCode checks that no input panics and that every event is well formed.
// Seeds live in testdata/fuzz/FuzzCode.
func FuzzCode(f *testing.F) {
	for _, s := range []string{
		"", "Russia attacked Ukraine on Monday.", "U.S. said that they had attacked Iraq, officials said.",
		"\x00\xff\xfe", "and and and , , ,", "'s 's n't", "The", "to to to attack", "Putin will",
	} {
		f.Add("", s)
	}
	c, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, text string) {
		r, err := c.Code(context.Background(), Document{Title: title, Text: text, Published: time.Date(2015, 6, 9, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range r.Events {
			if e.Source.Code == "" || e.Target.Code == "" || e.Code == "" {
				t.Errorf("incomplete event %+v", e)
			}
			if _, ok := c.ont.Event(e.Code); !ok {
				t.Errorf("unknown code %q", e.Code)
			}
			if !utf8.ValidString(e.Source.Code + e.Target.Code) {
				t.Errorf("invalid actor code")
			}
		}
	})
}
