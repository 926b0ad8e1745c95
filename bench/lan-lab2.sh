#!/usr/bin/env bash
# The second LAN lab (red team): other real Debian daemons, other misconfigurations than lan-lab.sh, each on
# its own 127.0.0.x INSIDE a network namespace this script creates. Nothing listens or is probed in the root
# namespace. Written to find what the scanner misses, misclassifies or reports falsely, not to pass it.
#   lan-lab2.sh up NAMESPACE DIR     start the lab (cleans a leftover lab of the same name first)
#   lan-lab2.sh down NAMESPACE DIR   stop every daemon of the lab and delete the namespace
# Needs root and the packages in .ci/test-packages.txt. Exit 0 only when every daemon listens.
#
# host         device                                        planted weakness (IPA point)
# 127.0.0.2    NAS (samba, SMB2+ only, restrict anonymous)    guest share "share" read-only, not listed to guests (4)
# 127.0.0.3    old NAS (samba, max SMB 2.1)                   SMB 2.1 = Windows 7 generation (1), guest share read/write (4)
# 127.0.0.4    file server (samba, no guest)                  nothing: must stay quiet
# 127.0.0.5    FTP server (vsftpd)                            anonymous login with upload (4)
# 127.0.0.6    scanner FTP inbox (pyftpdlib, virtual user)    FTP login admin/1234 (3)
# 127.0.0.7    router telnet (inetd + telnetd)                telnet open (3) on 23 and 2323; admin/1234 with a menu (3);
#                                                             password-only prompt with an empty password on 2323 (3)
# 127.0.0.8    MFP SNMP agent (snmpd, v1 only)                community "private" read-write (3)
# 127.0.0.9    switch SNMP agent (snmpd, v3 only)             nothing: must stay quiet
# 127.0.0.10   router web admin (nginx)                       HTTP basic auth admin/1234 on /admin/ linked from / (3)
# 127.0.0.11   camera (lighttpd on 8000)                      HTTP digest auth user/user (3), Boa/0.94 server string (1)
# 127.0.0.12   router web admin (busybox httpd, frames)       HTML login form admin/password (3)
# 127.0.0.13   NAS console (busybox httpd on 9000)            console open without login (4)
# 127.0.0.14   old MFP admin page (nginx https)               TLS 1.0/1.1 only (1)
# 127.0.0.15   IoT broker (mosquitto, TLS on 8883)            MQTT without auth (3)
# 127.0.0.16   cache (redis on 6380)                          Redis without auth (3)
# 127.0.0.17   cache (redis, requirepass)                     nothing: must stay quiet
# 127.0.0.18   PC screen sharing (Xtigervnc on 5901)          VNC without password (3)
# 127.0.0.19   PC screen sharing (Xtigervnc, VncAuth)         nothing: must stay quiet
# 127.0.0.20   clean host (OpenSSH, nginx https + basic auth) nothing: must stay quiet
# 127.0.0.21   printer console (nginx https on 8443)          console open without login (4)
# 127.0.0.22   clean web/FTP server (nginx's and lighttpd's   nothing: must stay quiet
#              Debian default pages, vsftpd without anonymous, mosquitto with a password)
set -euo pipefail
. "$(dirname "$0")/lan-lab-lib.sh"
lab_init "$@"
if [ "$cmd" = down ]; then lab_down; exit 0; fi

lab_down
lab_netns 127.0.0.{2..22}
start() { lab_start "$@"; }

# --- samba: three file servers, each with its own state directories -----------------------------------------
samba() { # name ip [global lines] -- [share sections]
  local name=$1 ip=$2 globals=$3 shares=$4 s="$dir/samba-$1"
  mkdir -p "$s"/{private,lock,state,cache,pid,ncalrpc}
  cat > "$s/smb.conf" <<CONF
[global]
  workgroup = OFFICE
  netbios name = $name
  server role = standalone server
  interfaces = $ip
  bind interfaces only = yes
  smb ports = 445
  disable netbios = yes
  private dir = $s/private
  lock directory = $s/lock
  state directory = $s/state
  cache directory = $s/cache
  pid directory = $s/pid
  ncalrpc dir = $s/ncalrpc
  log file = $dir/logs/samba-$name.%m
  log level = 0
  load printers = no
  printcap name = /dev/null
  disable spoolss = yes
$globals
$shares
CONF
  start "smbd-$name" /usr/sbin/smbd --foreground --no-process-group --debug-stdout -s "$s/smb.conf"
}
mkdir -p "$dir"/share-{nas,scan,keiri}
echo "取扱説明書" > "$dir/share-nas/manual.txt"; chmod 0755 "$dir/share-nas"
chmod 0777 "$dir/share-scan"; echo "scan" > "$dir/share-scan/scan0001.pdf"
echo "給与" > "$dir/share-keiri/kyuyo.xlsx"
samba NAS-01 127.0.0.2 "  map to guest = bad user
  restrict anonymous = 2" "[share]
  path = $dir/share-nas
  public = yes
  writable = no"
samba OLDNAS 127.0.0.3 "  server max protocol = SMB2_10
  map to guest = bad user
  guest account = nobody" "[scan]
  path = $dir/share-scan
  guest only = yes
  guest ok = yes
  writable = yes"
samba FS-KEIRI 127.0.0.4 "  map to guest = never
  restrict anonymous = 2
  server min protocol = SMB2_10" "[keiri]
  path = $dir/share-keiri
  guest ok = no
  read only = no
  valid users = keiri"

# --- vsftpd: anonymous with upload --------------------------------------------------------------------------
mkdir -p "$dir/ftp-anon/incoming" "$dir/ftp-empty"; chmod 0555 "$dir/ftp-anon"
chown ftp "$dir/ftp-anon/incoming"; chmod 0755 "$dir/ftp-anon/incoming"
cat > "$dir/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.5
background=NO
anonymous_enable=YES
anon_root=$dir/ftp-anon
write_enable=YES
anon_upload_enable=YES
anon_mkdir_write_enable=YES
local_enable=NO
secure_chroot_dir=$dir/ftp-empty
seccomp_sandbox=NO
xferlog_enable=NO
CONF
start vsftpd /usr/sbin/vsftpd "$dir/vsftpd.conf"

# vsftpd on the clean host: no anonymous login; local logins only for the (empty) user list, so no
# password is ever checked against the machine's own accounts
: > "$dir/vsftpd-clean.users"
cat > "$dir/vsftpd-clean.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.22
background=NO
anonymous_enable=NO
local_enable=YES
userlist_enable=YES
userlist_deny=NO
userlist_file=$dir/vsftpd-clean.users
secure_chroot_dir=$dir/ftp-empty
seccomp_sandbox=NO
xferlog_enable=NO
CONF
start vsftpd-clean /usr/sbin/vsftpd "$dir/vsftpd-clean.conf"

# --- pyftpdlib: the scanner's "scan to FTP" inbox, one virtual user (no PAM, no system account) -------------
mkdir -p "$dir/ftp-inbox"
start pyftpdlib /usr/bin/python3 -m pyftpdlib -i 127.0.0.6 -p 21 -u admin -P 1234 -d "$dir/ftp-inbox"

# --- telnet through inetd: a menu-driven router login and a password-only console ---------------------------
cat > "$dir/router-menu" <<'SH'
#!/bin/sh
printf '\r\n\r\nOFFICE-RT200 Broadband Router\r\n\r\nUsername: '
read u
printf 'Password: '
stty -echo 2>/dev/null; read p; stty echo 2>/dev/null
if [ "$u" = admin ] && [ "$p" = 1234 ]; then
  printf '\r\n\r\n  1. Status\r\n  2. LAN setup\r\n  3. WAN setup\r\n  9. Reboot\r\n\r\nEnter selection: '
  read x
  exit 0
fi
printf '\r\nAuthentication failed.\r\n'
sleep 1
exit 1
SH
cat > "$dir/router-console" <<'SH'
#!/bin/sh
printf '\r\nPassword: '
stty -echo 2>/dev/null; read p; stty echo 2>/dev/null
if [ -z "$p" ]; then
  printf '\r\n\r\nRT-100 Rev.11.01.34 (Fri Jun 10 2016)\r\n\r\n> '
  read x
  exit 0
fi
printf '\r\nIncorrect password.\r\n'
sleep 1
exit 1
SH
chmod 0755 "$dir/router-menu" "$dir/router-console"
cat > "$dir/inetd.conf" <<CONF
127.0.0.7:23 stream tcp nowait root /usr/sbin/telnetd telnetd -h -E $dir/router-menu
127.0.0.7:2323 stream tcp nowait root /usr/sbin/telnetd telnetd -h -E $dir/router-console
CONF
start inetd /usr/sbin/inetd -d "$dir/inetd.conf"

# --- snmpd: MFP with v1 community "private" (read-write), switch with SNMPv3 only ---------------------------
mkdir -p "$dir/snmp-mfp" "$dir/snmp-switch"
cat > "$dir/snmp-mfp/snmpd.conf" <<CONF
com2sec mfprw default private
group mfpgroup v1 mfprw
view all included .1
access mfpgroup "" v1 noauth exact all all none
sysName mfp-2f
sysDescr OFFICE IM C3000 1.04 / Network Printer C model / Network Scanner C model
sysLocation 2F
master no
CONF
cat > "$dir/snmp-switch/snmpd.conf" <<CONF
createUser netadmin SHA "k9v-Tq3m-Lw7p-Zr2x" AES "k9v-Tq3m-Lw7p-Zr2x"
rouser netadmin priv
sysName sw-core
sysDescr OFFICE GS1900-24 V2.70
master no
CONF
start snmpd-mfp env SNMP_PERSISTENT_DIR="$dir/snmp-mfp" /usr/sbin/snmpd -f -Lo -C -c "$dir/snmp-mfp/snmpd.conf" \
  -p "$dir/snmp-mfp/pid" -I -smux udp:127.0.0.8:161
start snmpd-switch env SNMP_PERSISTENT_DIR="$dir/snmp-switch" /usr/sbin/snmpd -f -Lo -C -c "$dir/snmp-switch/snmpd.conf" \
  -p "$dir/snmp-switch/pid" -I -smux udp:127.0.0.9:161

# --- nginx: one master for the router admin, the old MFP (TLS 1.0/1.1), the clean host and the printer -------
mkdir -p "$dir/nginx"/{www-router/admin,www-mfp,www-clean,www-printer,tmp}
tls_cert() { # name CN
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$2" -keyout "$dir/$1.key" -out "$dir/$1.crt" 2>/dev/null
  chmod 0644 "$dir/$1.key"
}
tls_cert mfp mfp-3f.local; tls_cert clean intranet.local; tls_cert printer printer.local; tls_cert broker broker.local
cat > "$dir/nginx/www-router/index.html" <<'HTML'
<html><head><meta charset="utf-8"><title>OFFICE-RT300</title></head>
<body><h1>OFFICE-RT300</h1><p>ファームウェア 2.01</p><p><a href="/admin/">詳細設定はこちら</a></p></body></html>
HTML
echo '<html><head><title>OFFICE-RT300 Admin</title></head><body><h1>詳細設定</h1></body></html>' > "$dir/nginx/www-router/admin/index.html"
echo '<html><head><title>MFP Admin</title></head><body><h1>複合機 管理者設定</h1></body></html>' > "$dir/nginx/www-mfp/index.html"
echo '<html><head><title>社内ポータル</title></head><body><h1>お知らせ</h1></body></html>' > "$dir/nginx/www-clean/index.html"
cat > "$dir/nginx/www-printer/index.html" <<'HTML'
<html><head><meta charset="utf-8"><title>LP-S3290 Web Config</title></head>
<body><h2>プリンター情報</h2><ul><li><a href="/net.html">ネットワーク設定</a></li><li><a href="/admin.html">管理者設定</a></li>
<li><a href="/fw.html">ファームウェア更新</a></li><li><a href="/reset.html">初期化</a></li></ul></body></html>
HTML
printf 'admin:%s\n' "$(openssl passwd -apr1 1234)" > "$dir/nginx/router.htpasswd"
printf 'admin:%s\n' "$(openssl passwd -apr1 admin)" > "$dir/nginx/mfp.htpasswd"
printf 'soumu:%s\n' "$(openssl passwd -apr1 'Vq8#tR2m-Kp5z!Ld')" > "$dir/nginx/clean.htpasswd"
chmod 0644 "$dir"/nginx/*.htpasswd
cat > "$dir/nginx/nginx.conf" <<CONF
daemon off;
user nobody nogroup;
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/logs/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $dir/nginx/tmp/body;
  proxy_temp_path $dir/nginx/tmp/proxy;
  fastcgi_temp_path $dir/nginx/tmp/fastcgi;
  uwsgi_temp_path $dir/nginx/tmp/uwsgi;
  scgi_temp_path $dir/nginx/tmp/scgi;
  default_type text/html;
  charset utf-8;
  server {
    listen 127.0.0.10:80;
    root $dir/nginx/www-router;
    location /admin/ { auth_basic "OFFICE-RT300"; auth_basic_user_file $dir/nginx/router.htpasswd; }
  }
  server {
    listen 127.0.0.14:443 ssl;
    ssl_certificate $dir/mfp.crt;
    ssl_certificate_key $dir/mfp.key;
    ssl_protocols TLSv1 TLSv1.1;
    ssl_ciphers "DEFAULT:@SECLEVEL=0";
    root $dir/nginx/www-mfp;
    auth_basic "MFP"; auth_basic_user_file $dir/nginx/mfp.htpasswd;
  }
  server {
    listen 127.0.0.20:80;
    return 301 https://127.0.0.20/;
  }
  server {
    listen 127.0.0.20:443 ssl;
    ssl_certificate $dir/clean.crt;
    ssl_certificate_key $dir/clean.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $dir/nginx/www-clean;
    auth_basic "Intranet"; auth_basic_user_file $dir/nginx/clean.htpasswd;
  }
  server {
    listen 127.0.0.22:80;
    root /var/www/html;
    index index.html index.nginx-debian.html;
  }
  server {
    listen 127.0.0.21:8443 ssl;
    ssl_certificate $dir/printer.crt;
    ssl_certificate_key $dir/printer.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $dir/nginx/www-printer;
  }
}
CONF
start nginx /usr/sbin/nginx -e "$dir/logs/nginx-startup.log" -p "$dir/nginx" -c "$dir/nginx/nginx.conf"

# --- lighttpd: camera behind digest auth user/user, announcing an abandoned embedded server ------------------
mkdir -p "$dir/www-camera"
echo '<html><head><title>IPCAM</title></head><body>live</body></html>' > "$dir/www-camera/index.html"
printf 'user:IPCAM:%s\n' "$(printf 'user:IPCAM:user' | md5sum | cut -d' ' -f1)" > "$dir/camera.htdigest"
cat > "$dir/lighttpd-camera.conf" <<CONF
server.modules = ("mod_auth", "mod_authn_file", "mod_indexfile", "mod_staticfile")
server.bind = "127.0.0.11"
server.port = 8000
server.tag = "Boa/0.94.13"
server.document-root = "$dir/www-camera"
server.errorlog = "$dir/logs/lighttpd-camera.err"
server.pid-file = "$dir/lighttpd-camera.pid"
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html")
auth.backend = "htdigest"
auth.backend.htdigest.userfile = "$dir/camera.htdigest"
auth.require = ("/" => ("method" => "digest", "realm" => "IPCAM", "require" => "valid-user"))
CONF
start lighttpd-camera /usr/sbin/lighttpd -D -f "$dir/lighttpd-camera.conf"

# lighttpd's own Debian placeholder page on the clean host
cat > "$dir/lighttpd-clean.conf" <<CONF
server.modules = ("mod_indexfile", "mod_staticfile")
server.bind = "127.0.0.22"
server.port = 8080
server.document-root = "/usr/share/lighttpd"
server.errorlog = "$dir/logs/lighttpd-clean.err"
server.pid-file = "$dir/lighttpd-clean.pid"
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html")
CONF
start lighttpd-clean /usr/sbin/lighttpd -D -f "$dir/lighttpd-clean.conf"

# --- busybox httpd: a router whose login form sits in a frame, posted to a CGI -----------------------------
mkdir -p "$dir/www-bbrouter/cgi-bin" "$dir/www-nas"
cat > "$dir/www-bbrouter/index.html" <<'HTML'
<html><head><title>Broadband Router</title></head>
<frameset rows="60,*"><frame src="top.html" name="top"><frame src="login.html" name="main"></frameset></html>
HTML
echo '<html><body><b>Broadband Router</b></body></html>' > "$dir/www-bbrouter/top.html"
cat > "$dir/www-bbrouter/login.html" <<'HTML'
<html><head><meta charset="utf-8"><title>Login</title></head><body>
<form name="f" method="post" action="/cgi-bin/login.cgi">
ユーザー名 <input type="text" name="username" size="16"><br>
パスワード <input type="password" name="passwd" size="16"><br>
<input type="hidden" name="page" value="status"><input type="submit" value="ログイン"></form></body></html>
HTML
cat > "$dir/www-bbrouter/cgi-bin/login.cgi" <<'SH'
#!/bin/sh
body=$(head -c "${CONTENT_LENGTH:-0}")
user=$(printf '%s' "$body" | tr '&' '\n' | sed -n 's/^username=//p')
pass=$(printf '%s' "$body" | tr '&' '\n' | sed -n 's/^passwd=//p')
if [ "$user" = admin ] && [ "$pass" = password ]; then
  printf 'Content-Type: text/html\r\nSet-Cookie: SESSIONID=%s; path=/\r\n\r\n' "$$"
  printf '<html><head><meta http-equiv="refresh" content="0; url=/status.html"></head><body>OK</body></html>\n'
else
  printf 'Content-Type: text/html; charset=utf-8\r\n\r\n'
  printf '<html><body><p>ユーザー名またはパスワードが正しくありません。</p><a href="/login.html">戻る</a></body></html>\n'
fi
SH
chmod 0755 "$dir/www-bbrouter/cgi-bin/login.cgi"
start busybox-router busybox httpd -f -p 127.0.0.12:80 -h "$dir/www-bbrouter"

# --- busybox httpd: a NAS management page on 9000 that asks for nothing --------------------------------------
cat > "$dir/www-nas/index.html" <<'HTML'
<html><head><meta charset="utf-8"><title>NAS-2F</title></head><body>
<h1>NAS-2F</h1><h2>システム設定</h2>
<ul><li><a href="/share.html">共有フォルダー</a></li><li><a href="/users.html">ユーザー管理</a></li>
<li><a href="/firmware.html">ファームウェア更新</a></li><li><a href="/reboot.html">再起動</a></li></ul></body></html>
HTML
start busybox-nas busybox httpd -f -p 127.0.0.13:9000 -h "$dir/www-nas"

# --- mosquitto: anonymous broker behind TLS ------------------------------------------------------------------
cat > "$dir/mosquitto.conf" <<CONF
listener 8883 127.0.0.15
certfile $dir/broker.crt
keyfile $dir/broker.key
allow_anonymous true
persistence false
log_dest stderr
CONF
start mosquitto /usr/sbin/mosquitto -c "$dir/mosquitto.conf"
touch "$dir/mosquitto.passwd"; chmod 0644 "$dir/mosquitto.passwd"
mosquitto_passwd -b "$dir/mosquitto.passwd" sensor 'Hq4-Lm8v-Ty2p' 2>/dev/null
chmod 0644 "$dir/mosquitto.passwd"
cat > "$dir/mosquitto-clean.conf" <<CONF
listener 1883 127.0.0.22
allow_anonymous false
password_file $dir/mosquitto.passwd
persistence false
log_dest stderr
CONF
start mosquitto-clean /usr/sbin/mosquitto -c "$dir/mosquitto-clean.conf"

# --- redis: an open second instance on 6380, and one with a password ----------------------------------------
start redis-open /usr/bin/redis-server --bind 127.0.0.16 --port 6380 --protected-mode no --save '' --appendonly no --dir "$dir"
start redis-auth /usr/bin/redis-server --bind 127.0.0.17 --port 6379 --requirepass 'Zr4-vKp9-Tq2m-Lw7x' --save '' \
  --appendonly no --dir "$dir"

# --- Xtigervnc: a PC desktop shared without password on display :1 (5901), and one with a VNC password ------
# the VNC password file is the password DES-encrypted with VNC's fixed key (what vncpasswd writes)
printf 'Kq7vRt2m' | openssl enc -des-ecb -nopad -nosalt -K e84ad660c4721ae0 -provider legacy -provider default > "$dir/vnc.passwd"
vnc_display=$(( 600 + $$ % 300 ))
start vnc-open Xtigervnc ":$vnc_display" -rfbport 5901 -interface 127.0.0.18 -SecurityTypes None -nolisten unix \
  -desktop office-pc -geometry 320x200
start vnc-auth Xtigervnc ":$((vnc_display + 1))" -rfbport 5900 -interface 127.0.0.19 -SecurityTypes VncAuth \
  -PasswordFile "$dir/vnc.passwd" -nolisten unix -desktop reception-pc -geometry 320x200

# --- OpenSSH: the clean host (Debian 12's own banner) -------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -f "$dir/ssh_host_ed25519_key"
mkdir -p /run/sshd
cat > "$dir/sshd_config" <<CONF
ListenAddress 127.0.0.20:22
HostKey $dir/ssh_host_ed25519_key
PidFile $dir/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
CONF
start sshd /usr/sbin/sshd -D -e -f "$dir/sshd_config"

lab_wait "127.0.0.2:445 127.0.0.3:445 127.0.0.4:445 127.0.0.5:21 127.0.0.6:21 127.0.0.7:23 127.0.0.7:2323 \
127.0.0.10:80 127.0.0.11:8000 127.0.0.12:80 127.0.0.13:9000 127.0.0.14:443 127.0.0.15:8883 127.0.0.16:6380 \
127.0.0.17:6379 127.0.0.18:5901 127.0.0.19:5900 127.0.0.20:22 127.0.0.20:80 127.0.0.20:443 127.0.0.21:8443 \
127.0.0.22:21 127.0.0.22:80 127.0.0.22:1883 127.0.0.22:8080" \
  "127.0.0.8:161 127.0.0.9:161"
