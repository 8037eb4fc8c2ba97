// A real SMTP server for the tests, on loopback: it speaks enough of RFC 5321
// for libcurl to deliver (EHLO, MAIL, RCPT, DATA, QUIT) and keeps each letter
// with its subject and body decoded, so a test reads what a person would.
import net from 'node:net'

export async function startSmtpSink() {
  const letters = []
  const server = net.createServer((socket) => {
    let buffer = ''
    let inData = false
    let letter = { from: '', to: [], raw: '' }
    const say = (line) => socket.write(line + '\r\n')
    say('220 sink.local ESMTP')
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1')
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n')
          if (end < 0) return
          letter.raw = Buffer.from(buffer.slice(0, end), 'latin1').toString('utf8')
          buffer = buffer.slice(end + 5)
          inData = false
          letters.push(decode(letter))
          letter = { from: '', to: [], raw: '' }
          say('250 OK queued')
          continue
        }
        const eol = buffer.indexOf('\r\n')
        if (eol < 0) return
        const line = buffer.slice(0, eol)
        buffer = buffer.slice(eol + 2)
        const verb = line.slice(0, 4).toUpperCase()
        if (verb === 'EHLO' || verb === 'HELO') say('250 sink.local')
        else if (verb === 'MAIL') ((letter.from = line.slice(10)), say('250 OK'))
        else if (verb === 'RCPT') (letter.to.push(line.slice(8)), say('250 OK'))
        else if (verb === 'DATA') ((inData = true), say('354 End data with <CR><LF>.<CR><LF>'))
        else if (verb === 'QUIT') (say('221 Bye'), socket.end())
        else if (verb === 'RSET' || verb === 'NOOP') say('250 OK')
        else say('502 Command not implemented')
      }
    })
    socket.on('error', () => {})
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `smtp://127.0.0.1:${server.address().port}`,
    letters,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

function decode(letter) {
  const [head, ...rest] = letter.raw.split('\r\n\r\n')
  const subject = head.match(/^Subject: =\?UTF-8\?B\?(.*)\?=$/m)?.[1] ?? ''
  return {
    from: letter.from,
    to: letter.to,
    headers: head,
    subject: Buffer.from(subject, 'base64').toString('utf8'),
    text: Buffer.from(rest.join('\r\n\r\n').replace(/\s+/g, ''), 'base64').toString('utf8'),
  }
}
