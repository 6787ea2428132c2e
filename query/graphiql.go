package query

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed graphiql/index.html graphiql/assets
var graphiqlFiles embed.FS

// graphiqlAssets are GraphiQL's scripts and styles, embedded so the page
// works offline (see graphiql/fetch.sh for their origin).
func graphiqlAssets() fs.FS {
	sub, err := fs.Sub(graphiqlFiles, "graphiql/assets")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

func (s *Server) handleGraphiQL(w http.ResponseWriter, r *http.Request) {
	page, err := graphiqlFiles.ReadFile("graphiql/index.html")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(page)
}
