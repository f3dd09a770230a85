// Command pty-bridge runs a program on a new pseudo-terminal and relays it over plain pipes, for
// Node, which has no pty of its own (node-pty needs a native build this project avoids).
//
//	pty-bridge [-cols N] [-rows N] [-uid N -gid N] -- PROGRAM [ARGS...]
//
// What it promises:
//   - The program runs as the leader of a new session with the pty as its controlling terminal, so a
//     shell on it has job control (Ctrl-C, Ctrl-Z, fg).
//   - stdin is written to the pty; what the pty prints goes to stdout, as bytes.
//   - fd 3, when open, carries resize requests, one "COLS ROWS\n" per line.
//   - -uid/-gid (when the bridge runs as root) start the program as that account with no
//     supplementary groups.
//   - When stdin closes, stdout breaks, or the bridge gets SIGTERM/SIGHUP/SIGINT, the program's whole
//     process group is killed (SIGKILL). The bridge exits with the program's status (128+signal when a
//     signal ended it). Its own complaints go to stderr, prefixed "pty-bridge:".
//
// Inside a sandbox with a network of its own, the same binary relays TCP to Unix sockets:
//
//	pty-bridge -relay 127.0.0.1:PORT=/path/to.sock [-relay ...] -- PROGRAM [ARGS...]
//
// It listens on each address, leaves a background process (its own session, so terminal signals miss
// it) relaying every connection to its socket, and replaces itself with PROGRAM (relay.go).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// After the program ends, what it printed last is still read for at most this long.
const drainTimeout = 2 * time.Second

func main() {
	if len(os.Args) > 1 && os.Args[1] == relayServeCommand {
		serveRelays(os.Args[2:])
		return
	}
	var relays relayFlags
	flag.Var(&relays, "relay", "LISTEN=SOCKET: relay TCP connections to LISTEN to the Unix socket, then exec the program")
	cols := flag.Int("cols", 80, "terminal width in columns")
	rows := flag.Int("rows", 24, "terminal height in rows")
	uid := flag.Int("uid", -1, "run the program as this user id (the bridge must be root)")
	gid := flag.Int("gid", -1, "run the program with this group id (with -uid)")
	flag.Parse()
	argv := flag.Args()
	if len(argv) == 0 {
		fail(2, "no program given: pty-bridge [-cols N] [-rows N] [-uid N -gid N] -- PROGRAM [ARGS...]")
	}
	if (*uid < 0) != (*gid < 0) {
		fail(2, "-uid and -gid go together")
	}
	if len(relays) > 0 {
		relayThenExec(relays, argv)
	}

	master, slave, err := openPty()
	if err != nil {
		fail(1, "opening a pseudo-terminal: %v", err)
	}
	if err := setSize(master, *cols, *rows); err != nil {
		fail(1, "setting the terminal size: %v", err)
	}

	// fd 3 came from our parent without close-on-exec: keep it from the program.
	syscall.CloseOnExec(3)

	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if *uid >= 0 {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(*uid), Gid: uint32(*gid), Groups: []uint32{}}
	}
	// Signals are caught before the program starts, so none slips between the two.
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT)
	if err := cmd.Start(); err != nil {
		fail(127, "starting %s: %v", argv[0], err)
	}
	slave.Close()
	pid := cmd.Process.Pid

	var once sync.Once
	killGroup := func() {
		once.Do(func() {
			// The program leads its own session, so its process group id is its pid.
			_ = syscall.Kill(-pid, syscall.SIGKILL)
		})
	}

	go func() {
		<-signals
		killGroup()
	}()
	go func() {
		_, _ = io.Copy(master, os.Stdin)
		killGroup()
	}()
	if resize := os.NewFile(3, "resize"); resize != nil {
		go readResizes(resize, master)
	}

	output := make(chan struct{})
	go func() {
		defer close(output)
		buf := make([]byte, 32*1024)
		for {
			n, err := master.Read(buf)
			if n > 0 {
				if _, werr := os.Stdout.Write(buf[:n]); werr != nil {
					killGroup()
					return
				}
			}
			if err != nil {
				// EIO: every copy of the terminal's other end is closed.
				return
			}
		}
	}()

	waitErr := cmd.Wait()
	select {
	case <-output:
	case <-time.After(drainTimeout):
	}
	os.Exit(exitCode(cmd.ProcessState, waitErr))
}

func exitCode(state *os.ProcessState, waitErr error) int {
	if state == nil {
		fmt.Fprintf(os.Stderr, "pty-bridge: waiting for the program: %v\n", waitErr)
		return 1
	}
	if status, ok := state.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		return 128 + int(status.Signal())
	}
	return state.ExitCode()
}

func readResizes(r io.Reader, master *os.File) {
	lines := bufio.NewScanner(r)
	for lines.Scan() {
		fields := strings.Fields(lines.Text())
		if len(fields) != 2 {
			fmt.Fprintf(os.Stderr, "pty-bridge: a resize line is \"COLS ROWS\", not %q\n", lines.Text())
			continue
		}
		cols, err1 := strconv.Atoi(fields[0])
		rows, err2 := strconv.Atoi(fields[1])
		if err1 != nil || err2 != nil || cols <= 0 || rows <= 0 || cols > 65535 || rows > 65535 {
			fmt.Fprintf(os.Stderr, "pty-bridge: a resize needs two positive whole numbers, not %q\n", lines.Text())
			continue
		}
		if err := setSize(master, cols, rows); err != nil {
			fmt.Fprintf(os.Stderr, "pty-bridge: resizing to %dx%d: %v\n", cols, rows, err)
		}
	}
}

// openPty opens a new pseudo-terminal pair: the master end for the bridge, the slave for the program.
func openPty() (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	unlock := 0
	if err := ioctl(master, syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("unlocking: %w", err)
	}
	var number uint32
	if err := ioctl(master, syscall.TIOCGPTN, uintptr(unsafe.Pointer(&number))); err != nil {
		master.Close()
		return nil, nil, fmt.Errorf("numbering: %w", err)
	}
	name := "/dev/pts/" + strconv.Itoa(int(number))
	slave, err = os.OpenFile(name, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	return master, slave, nil
}

type winsize struct{ rows, cols, xpixel, ypixel uint16 }

func setSize(master *os.File, cols, rows int) error {
	size := winsize{rows: uint16(rows), cols: uint16(cols)}
	return ioctl(master, syscall.TIOCSWINSZ, uintptr(unsafe.Pointer(&size)))
}

func ioctl(f *os.File, request, arg uintptr) error {
	conn, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var errno syscall.Errno
	if err := conn.Control(func(fd uintptr) {
		_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, fd, request, arg)
	}); err != nil {
		return err
	}
	if errno != 0 {
		return errno
	}
	return nil
}

func fail(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, "pty-bridge: "+format+"\n", args...)
	os.Exit(code)
}
