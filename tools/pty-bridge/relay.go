package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

// The hidden first argument of the background relay process.
const relayServeCommand = "relay-serve"

type relay struct{ listen, socket string }

type relayFlags []relay

func (r *relayFlags) String() string { return fmt.Sprint(*r) }

func (r *relayFlags) Set(value string) error {
	listen, socket, ok := strings.Cut(value, "=")
	if !ok || listen == "" || socket == "" {
		return fmt.Errorf("a relay is LISTEN=SOCKET, like 127.0.0.1:8443=/run/portolan/proxy.sock, not %q", value)
	}
	*r = append(*r, relay{listen, socket})
	return nil
}

// relayThenExec binds every address first (so the program never dials before the relay listens),
// hands the listeners to a background copy of this binary, and becomes the program.
func relayThenExec(relays relayFlags, argv []string) {
	self, err := os.Executable()
	if err != nil {
		fail(1, "finding this program for the relay: %v", err)
	}
	args := []string{relayServeCommand}
	var files []*os.File
	for _, r := range relays {
		listener, err := net.Listen("tcp", r.listen)
		if err != nil {
			fail(1, "listening on %s for the relay: %v", r.listen, err)
		}
		file, err := listener.(*net.TCPListener).File()
		if err != nil {
			fail(1, "handing over the listener on %s: %v", r.listen, err)
		}
		listener.Close()
		files = append(files, file)
		args = append(args, r.socket)
	}
	background := exec.Command(self, args...)
	background.ExtraFiles = files // fd 3, 4, … in the order of the sockets
	background.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := background.Start(); err != nil {
		fail(1, "starting the relay: %v", err)
	}
	for _, file := range files {
		file.Close()
	}
	program, err := exec.LookPath(argv[0])
	if err != nil {
		fail(127, "%v", err)
	}
	if err := syscall.Exec(program, argv, os.Environ()); err != nil {
		fail(126, "starting %s: %v", program, err)
	}
}

// serveRelays relays connections on the inherited listeners (fd 3 on) to their sockets, until killed.
func serveRelays(sockets []string) {
	for i, socket := range sockets {
		listener, err := net.FileListener(os.NewFile(uintptr(3+i), "relay"))
		if err != nil {
			fail(1, "relay listener %d: %v", i, err)
		}
		go func() {
			for {
				conn, err := listener.Accept()
				if err != nil {
					os.Exit(0)
				}
				go pipe(conn, socket)
			}
		}()
	}
	select {}
}

func pipe(conn net.Conn, socket string) {
	defer conn.Close()
	upstream, err := net.Dial("unix", socket)
	if err != nil {
		return
	}
	defer upstream.Close()
	go func() {
		_, _ = io.Copy(upstream, conn)
		_ = upstream.(*net.UnixConn).CloseWrite()
	}()
	_, _ = io.Copy(conn, upstream)
}
