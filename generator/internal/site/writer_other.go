//go:build !unix

package site

import (
	"io"
	"os"
)

// outFile is a file being written.
type outFile struct{ *os.File }

func createFile(path string) (outFile, error) {
	f, err := os.Create(path)
	return outFile{f}, err
}

func (f outFile) truncate() error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return f.Truncate(0)
}
