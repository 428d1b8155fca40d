package cache

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"
)

// MaxBlobName bounds a blob's name.
const MaxBlobName = 64

// validBlobName reports whether name is 1–64 characters of a–z, A–Z, 0–9,
// '_', '-', '.', not starting with a dot: safe as a file name anywhere.
func validBlobName(name string) bool {
	if name == "" || len(name) > MaxBlobName || name[0] == '.' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-', c == '.':
		default:
			return false
		}
	}
	return true
}

type blobFile struct {
	SchemaVersion int             `json:"schema_version"`
	Name          string          `json:"name"`
	Saved         time.Time       `json:"saved"`
	Data          json.RawMessage `json:"data"`
}

func (s *Store) blobPath(name string) (string, error) {
	if !validBlobName(name) {
		return "", fmt.Errorf("cache: invalid blob name %q", name)
	}
	return filepath.Join(s.dir, "blobs", name+".json"), nil
}

// SaveBlob stores v, encoded as JSON, under name (1–64 characters of
// letters, digits, '_', '-', '.'), stamped with saved. It is for data other
// than daily bars, such as FRED series. NaN cannot be encoded as JSON; use
// pointers or sentinels in v.
func (s *Store) SaveBlob(name string, saved time.Time, v any) error {
	path, err := s.blobPath(name)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("cache: encode blob %s: %w", name, err)
	}
	data, err := json.Marshal(blobFile{SchemaVersion: SchemaVersion, Name: name, Saved: saved.UTC(), Data: raw})
	if err != nil {
		return fmt.Errorf("cache: encode blob %s: %w", name, err)
	}
	return s.locked(func() error { return writeAtomic(path, data) })
}

// LoadBlob decodes the blob saved under name into v and returns the time it
// was saved. It returns ErrNotCached when there is none and a *CorruptError
// when the file is unusable or does not decode into v.
func (s *Store) LoadBlob(name string, v any) (saved time.Time, err error) {
	path, err := s.blobPath(name)
	if err != nil {
		return time.Time{}, err
	}
	data, err := readFile(path)
	if err != nil {
		return time.Time{}, err
	}
	var f blobFile
	if err := json.Unmarshal(data, &f); err != nil {
		return time.Time{}, &CorruptError{Path: path, Err: err}
	}
	if f.SchemaVersion != SchemaVersion || f.Name != name {
		return time.Time{}, &CorruptError{Path: path, Err: fmt.Errorf("foreign blob (schema %d, name %q)", f.SchemaVersion, f.Name)}
	}
	if err := json.Unmarshal(f.Data, v); err != nil {
		return time.Time{}, &CorruptError{Path: path, Err: err}
	}
	return f.Saved, nil
}
