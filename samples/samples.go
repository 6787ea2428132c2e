// Package samples holds the sample corpus: short wire-style articles about
// real public events of 2014–2016, written for this project (outlets are
// invented). `dyad demo` ingests it; tests use it as a realistic corpus.
package samples

import _ "embed"

//go:embed articles.jsonl
var articles []byte

// ArticlesJSONL returns the corpus in Dyad's JSONL input format, one
// article per line: id, url, title, outlet, published, text.
func ArticlesJSONL() []byte { return articles }
