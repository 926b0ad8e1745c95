#!/usr/bin/env bash
# The LAN lab: real Debian daemons set up like badly configured office devices, each on its own 127.0.0.x
# INSIDE a network namespace this script creates. Nothing listens or is probed in the root namespace.
#   lan-lab.sh up NAMESPACE DIR     start the lab (cleans a leftover lab of the same name first)
#   lan-lab.sh down NAMESPACE DIR   stop every daemon of the lab and delete the namespace
# Needs root and the packages in .ci/test-packages.txt. Exit 0 only when every daemon listens.
#
# host        device                               planted weakness (IPA point)
# 127.0.0.2   file server (samba)                  SMBv1 on (1), guest share "public" read/write (4)
# 127.0.0.3   FTP server (vsftpd)                  anonymous login (4)
# 127.0.0.4   router telnet (inetd + telnetd)      telnet open (3), admin/admin on its login (3)
# 127.0.0.5   MFP SNMP agent (snmpd)               community "public" (3), Linux 2.6 firmware in sysDescr (1)
# 127.0.0.6   IoT broker (mosquitto)               MQTT without auth (3)
# 127.0.0.7   router web admin (lighttpd)          HTTP basic auth admin/password (3)
# 127.0.0.8   cache (redis)                        Redis without auth (3)
# 127.0.0.9   clean host (dropbear)                nothing: must stay quiet
# 127.0.0.10  network camera page (lighttpd)       console open without login (4)
set -euo pipefail
. "$(dirname "$0")/lan-lab-lib.sh"
lab_init "$@"
if [ "$cmd" = down ]; then lab_down; exit 0; fi

lab_down
lab_netns 127.0.0.{2..10}
start() { lab_start "$@"; }

# samba: SMB1 allowed, guest share writable by anyone
mkdir -p "$dir/samba"/{private,lock,state,cache,pid,ncalrpc} "$dir/share-public"
chmod 0777 "$dir/share-public"; echo "見積書" > "$dir/share-public/mitsumori.txt"
cat > "$dir/samba/smb.conf" <<CONF
[global]
  workgroup = OFFICE
  netbios name = FILESERVER
  server role = standalone server
  server min protocol = NT1
  interfaces = 127.0.0.2
  bind interfaces only = yes
  smb ports = 445
  disable netbios = yes
  map to guest = bad user
  guest account = nobody
  private dir = $dir/samba/private
  lock directory = $dir/samba/lock
  state directory = $dir/samba/state
  cache directory = $dir/samba/cache
  pid directory = $dir/samba/pid
  ncalrpc dir = $dir/samba/ncalrpc
  log file = $dir/logs/samba.%m
  log level = 0
  load printers = no
  printcap name = /dev/null
  disable spoolss = yes
[public]
  path = $dir/share-public
  guest ok = yes
  read only = no
  browseable = yes
CONF
start smbd /usr/sbin/smbd --foreground --no-process-group --debug-stdout -s "$dir/samba/smb.conf"

# vsftpd: anonymous login
mkdir -p "$dir/ftp/pub" "$dir/ftp-empty"; chmod 0555 "$dir/ftp"; echo "顧客名簿" > "$dir/ftp/pub/list.csv"
cat > "$dir/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.3
background=NO
anonymous_enable=YES
anon_root=$dir/ftp
no_anon_password=YES
local_enable=NO
write_enable=NO
secure_chroot_dir=$dir/ftp-empty
seccomp_sandbox=NO
ftpd_banner=Welcome to OFFICE-NAS FTP
xferlog_enable=NO
CONF
start vsftpd /usr/sbin/vsftpd "$dir/vsftpd.conf"

# telnet through inetd; the "router" login accepts admin/admin (a script, not a system account)
cat > "$dir/router-login" <<'SH'
#!/bin/sh
printf 'OfficeRouter login: '
read u
printf 'Password: '
read p
if [ "$u" = admin ] && [ "$p" = admin ]; then
  printf '\nBusyBox v1.19.4 built-in shell (ash)\n# '
  read x
  exit 0
fi
printf '\nLogin incorrect\n'
sleep 1
exit 1
SH
chmod 0755 "$dir/router-login"
echo "127.0.0.4:23 stream tcp nowait root /usr/sbin/telnetd telnetd -h -E $dir/router-login" > "$dir/inetd.conf"
start inetd /usr/sbin/inetd -d "$dir/inetd.conf"

# snmpd: community public, old firmware string
cat > "$dir/snmpd.conf" <<CONF
rocommunity public default
sysName mfp-3f
sysDescr Linux mfp-3f 2.6.35 #1 PREEMPT armv7l (OFFICE MFP C3003 firmware 1.02)
sysLocation 3F
master no
CONF
start snmpd /usr/sbin/snmpd -f -Lo -C -c "$dir/snmpd.conf" -p "$dir/snmpd.pid" udp:127.0.0.5:161

# mosquitto: anonymous broker
cat > "$dir/mosquitto.conf" <<CONF
listener 1883 127.0.0.6
allow_anonymous true
persistence false
log_dest stderr
CONF
start mosquitto /usr/sbin/mosquitto -c "$dir/mosquitto.conf"

# lighttpd: router admin behind basic auth with the vendor default admin/password
mkdir -p "$dir/www-router" "$dir/www-camera"
echo '<html><head><title>Router Setup</title></head><body><h1>ルーター設定</h1></body></html>' > "$dir/www-router/index.html"
echo 'admin:password' > "$dir/router-users"
cat > "$dir/lighttpd-router.conf" <<CONF
server.modules = ("mod_auth", "mod_authn_file", "mod_indexfile", "mod_staticfile")
server.bind = "127.0.0.7"
server.port = 80
server.document-root = "$dir/www-router"
server.errorlog = "$dir/logs/lighttpd-router.err"
server.pid-file = "$dir/lighttpd-router.pid"
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html; charset=utf-8")
auth.backend = "plain"
auth.backend.plain.userfile = "$dir/router-users"
auth.require = ("/" => ("method" => "basic", "realm" => "Router", "require" => "valid-user"))
CONF
start lighttpd-router /usr/sbin/lighttpd -D -f "$dir/lighttpd-router.conf"

# lighttpd: camera live view page with no login at all
echo '<html><head><title>Network Camera - Live View</title></head><body><h1>ライブ映像</h1><a href="/setup.html">設定</a></body></html>' > "$dir/www-camera/index.html"
cat > "$dir/lighttpd-camera.conf" <<CONF
server.modules = ("mod_indexfile", "mod_staticfile")
server.bind = "127.0.0.10"
server.port = 80
server.document-root = "$dir/www-camera"
server.errorlog = "$dir/logs/lighttpd-camera.err"
server.pid-file = "$dir/lighttpd-camera.pid"
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html; charset=utf-8")
CONF
start lighttpd-camera /usr/sbin/lighttpd -D -f "$dir/lighttpd-camera.conf"

# redis: no password, protected mode off
start redis /usr/bin/redis-server --bind 127.0.0.8 --port 6379 --protected-mode no --save '' --appendonly no --dir "$dir"

# dropbear: the correctly configured host
dropbearkey -t ed25519 -f "$dir/dropbear_ed25519" >/dev/null 2>&1
start dropbear /usr/sbin/dropbear -F -E -s -p 127.0.0.9:22 -r "$dir/dropbear_ed25519"

lab_wait "127.0.0.2:445 127.0.0.3:21 127.0.0.4:23 127.0.0.6:1883 127.0.0.7:80 127.0.0.8:6379 127.0.0.9:22 127.0.0.10:80" \
  "127.0.0.5:161"
