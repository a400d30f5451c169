// The JavaMail peer of `ses-presend address --format json` for examples/cli_vs_javamail.rs:
// reads one address per line (UTF-8) on standard input and writes, per line, a JSON object
// with the input and the verdict of JavaMail's strict single-address constructor (the check
// SES runs): {"input":…,"ok":true} or {"input":…,"ok":false,"message":…}.
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;

public class AddressLines {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        StringBuilder line = new StringBuilder(256);
        String text;
        while ((text = in.readLine()) != null) {
            line.setLength(0);
            line.append("{\"input\":");
            quote(line, text);
            try {
                new InternetAddress(text, true);
                line.append(",\"ok\":true}\n");
            } catch (AddressException e) {
                line.append(",\"ok\":false,\"message\":");
                quote(line, String.valueOf(e.getMessage()));
                line.append("}\n");
            } catch (RuntimeException e) {
                line.append(",\"ok\":false,\"crash\":");
                quote(line, e.toString());
                line.append("}\n");
            }
            out.append(line);
        }
        out.flush();
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
