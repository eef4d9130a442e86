//go:build !unix

package site

import "os"

// processAlive reports whether a process with this id exists. Without a
// signal 0 to ask, a process that can be found is taken as alive.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
