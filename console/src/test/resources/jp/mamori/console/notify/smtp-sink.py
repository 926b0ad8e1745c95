# A real SMTP server for the e-mail tests (Debian's python3-aiosmtpd), on 127.0.0.1 and a port the OS
# picks. Prints the port, then writes each message it accepts as DIR/<n>.json: envelope, decoded headers,
# text body and attachments (the attachment bytes next to it). Stops when its stdin closes.
import asyncio, email, email.policy, json, os, sys
from aiosmtpd.smtp import SMTP

out = sys.argv[1]
count = 0

class Sink:
    async def handle_DATA(self, server, session, envelope):
        global count
        count += 1
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        body = msg.get_body(preferencelist=('plain',))
        record = {'from': envelope.mail_from, 'to': envelope.rcpt_tos, 'subject': str(msg['subject']),
                  'text': body.get_content() if body is not None else '', 'attachments': []}
        for i, part in enumerate(msg.iter_attachments()):
            data = part.get_payload(decode=True) or b''
            path = os.path.join(out, '%d-%d.bin' % (count, i))
            with open(path, 'wb') as f:
                f.write(data)
            record['attachments'].append({'name': part.get_filename(), 'type': part.get_content_type(), 'size': len(data), 'path': path})
        tmp = os.path.join(out, '%d.json.tmp' % count)
        with open(tmp, 'w', encoding='utf-8') as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(out, '%d.json' % count))
        return '250 OK'

async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Sink(), hostname='mamori-test-sink'), '127.0.0.1', 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()

asyncio.run(main())
