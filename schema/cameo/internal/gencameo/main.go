// Command gencameo converts the CAMEO reference tables of the shared data
// folder into the compact tab-separated files that package cameo embeds.
// Run it through go generate in schema/cameo:
//
//	go generate ./schema/cameo
//
// It reads cameo_events_full.tsv, cameo_countries.tsv and
// cameo_actor_types.tsv from -src and writes events.tsv, countries.tsv and
// actortypes.tsv to -dst, keeping only the columns Dyad uses.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
)

type table struct {
	in, out string
	columns []string
}

var tables = []table{
	{"cameo_events_full.tsv", "events.tsv", []string{"code", "name", "goldstein", "quad_class", "root", "description"}},
	{"cameo_countries.tsv", "countries.tsv", []string{"code", "name", "iso3166_alpha2", "note"}},
	{"cameo_actor_types.tsv", "actortypes.tsv", []string{"code", "category", "name", "description"}},
}

func main() {
	src := flag.String("src", "../../../shared/data/cameo", "folder with the shared CAMEO tables")
	dst := flag.String("dst", "data", "folder to write the embedded tables to")
	flag.Parse()
	for _, t := range tables {
		if err := convert(filepath.Join(*src, t.in), filepath.Join(*dst, t.out), t.columns); err != nil {
			log.Fatalf("gencameo: %v", err)
		}
	}
}

func convert(inPath, outPath string, columns []string) error {
	in, err := os.Open(inPath)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(outPath)
	if err != nil {
		return err
	}
	if err := project(in, out, columns); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", inPath, err)
	}
	return out.Close()
}

// project copies the named columns of a TSV with a header row.
func project(r io.Reader, w io.Writer, columns []string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	if !sc.Scan() {
		return fmt.Errorf("no header row")
	}
	header := strings.Split(sc.Text(), "\t")
	idx := make([]int, len(columns))
	for i, c := range columns {
		idx[i] = -1
		for j, h := range header {
			if h == c {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			return fmt.Errorf("no column %q", c)
		}
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, strings.Join(columns, "\t"))
	line := 1
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), "\t")
		row := make([]string, len(idx))
		for i, j := range idx {
			if j >= len(fields) {
				return fmt.Errorf("line %d: %d fields, want at least %d", line, len(fields), j+1)
			}
			row[i] = strings.TrimSpace(fields[j])
		}
		fmt.Fprintln(bw, strings.Join(row, "\t"))
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return bw.Flush()
}
