package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/dyadgraph/dyad/schema"
	"github.com/dyadgraph/dyad/schema/cameo"

	sqlite3 "modernc.org/sqlite"
)

// ErrReadOnly says a store cannot be written: its file or directory is not
// writable (permissions, an immutable file, a read-only file system).
var ErrReadOnly = schema.ErrReadOnly

// classify wraps write errors that retrying cannot fix with the schema
// errors that say so.
func classify(err error) error {
	var se *sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case 13: // SQLITE_FULL
		return fmt.Errorf("%w: %w", schema.ErrStorageFull, err)
	case 8: // SQLITE_READONLY
		return fmt.Errorf("%w: %w", schema.ErrReadOnly, err)
	}
	return err
}

// notWritable reports whether err, from opening path for writing, comes
// from path or its directory not being writable.
func notWritable(path string, err error) bool {
	var se *sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case 3, 8, 14, 23: // SQLITE_PERM, SQLITE_READONLY*, SQLITE_CANTOPEN, SQLITE_AUTH
		default:
			return false
		}
	}
	f, ferr := os.OpenFile(path, os.O_WRONLY, 0)
	if ferr != nil {
		return errors.Is(ferr, fs.ErrPermission) || errors.Is(ferr, syscall.EROFS)
	}
	f.Close()
	return syscall.Access(filepath.Dir(path), 2 /* W_OK */) != nil
}

// OpenReadOnly opens an existing database for reading only: nothing is
// written, not even the WAL index, so it works on a store whose file or
// directory is read-only. When the WAL index (PATH-shm) cannot be created
// because the directory is not writable, the file is read as immutable,
// which is only correct while no other process writes it (a writer would
// have created PATH-shm). Write returns ErrReadOnly.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if path == "" || path == memoryPath || strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("sqlite: open %q read-only: want the path of an existing file", path)
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("sqlite: open %s read-only: %w", path, err)
	}
	onto, err := cameo.Standard()
	if err != nil {
		return nil, fmt.Errorf("sqlite: open: %w", err)
	}
	try := func(extra string) (*sql.DB, error) {
		db, err := sql.Open("sqlite", "file:"+path+"?mode=ro"+extra+"&"+readParams)
		if err != nil {
			return nil, err
		}
		v, err := schemaVersion(ctx, db)
		if err == nil && v != len(migrations) {
			err = fmt.Errorf("the database is at schema version %d, this program reads version %d; open it writable once to migrate it", v, len(migrations))
		}
		if err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	}
	db, err := try("")
	if err != nil && notWritable(path, err) {
		db, err = try("&immutable=1")
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s read-only: %w", path, err)
	}
	db.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	return &Store{w: db, r: db, onto: onto, readOnly: true}, nil
}
