// The MIME-structure oracle for ses-presend's differential test `tests/mime_oracle.rs`.
// Reads one base64-encoded raw message per line on standard input, builds a MimeMessage from
// it with Debian's JavaMail 1.6.5 (default session properties) and walks every multipart and
// embedded message: each part's Content-Type is parsed, each multipart is counted and each of
// its parts visited. Answers one line per message:
//   OK
//   MISSING_START_BOUNDARY <exception text>
//   PARSE_ERROR <exception class and text>
//   CRASH <runtime exception>
// Base64 keeps CR, LF and 8-bit bytes intact.
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeMessage;

public class MimeOracle {
    // Deeper than the crate's own limit, so that the generated messages never reach it.
    static final int MAX_DEPTH = 100;

    static void walk(Part part, int depth) throws Exception {
        if (depth > MAX_DEPTH) {
            return;
        }
        ContentType type = new ContentType(part.getContentType());
        if (type.match("multipart/*")) {
            Object content = part.getContent();
            if (!(content instanceof Multipart)) {
                throw new MessagingException("not a multipart: " + content.getClass().getName());
            }
            Multipart multipart = (Multipart) content;
            int count = multipart.getCount();
            for (int i = 0; i < count; i++) {
                walk(multipart.getBodyPart(i), depth + 1);
            }
        } else if (type.match("message/rfc822")) {
            Object content = part.getContent();
            if (content instanceof Part) {
                walk((Part) content, depth + 1);
            }
        }
    }

    static String oneLine(String text) {
        return String.valueOf(text).replace("\r", "\\r").replace("\n", "\\n");
    }

    public static void main(String[] args) throws Exception {
        Session session = Session.getInstance(new Properties());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            byte[] bytes = Base64.getDecoder().decode(line.trim());
            try {
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(bytes));
                walk(message, 0);
                out.println("OK");
            } catch (MessagingException e) {
                String text = oneLine(e.getMessage());
                if ("Missing start boundary".equals(e.getMessage())) {
                    out.println("MISSING_START_BOUNDARY " + text);
                } else {
                    out.println("PARSE_ERROR " + e.getClass().getSimpleName() + ": " + text);
                }
            } catch (java.io.IOException e) {
                out.println("PARSE_ERROR " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
            } catch (RuntimeException e) {
                out.println("CRASH " + oneLine(e.toString()));
            }
        }
        out.flush();
    }
}
