//go:build unix

package site

import (
	"io"
	"io/fs"
	"syscall"
)

// outFile is a file being written, straight on its descriptor: an
// os.File costs two more system calls per file (a stat and an fcntl to
// decide whether to poll it), which 10,000 pages notice.
type outFile int

func createFile(path string) (outFile, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o666) // as os.Create: the umask decides
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return outFile(fd), nil
	}
}

func (f outFile) Write(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := syscall.Write(int(f), b[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		if m == 0 {
			return n, io.ErrShortWrite
		}
		n += m
	}
	return n, nil
}

func (f outFile) truncate() error {
	if _, err := syscall.Seek(int(f), 0, io.SeekStart); err != nil {
		return err
	}
	return syscall.Ftruncate(int(f), 0)
}

func (f outFile) Close() error { return syscall.Close(int(f)) }
