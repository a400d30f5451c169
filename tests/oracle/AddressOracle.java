// The reference oracle for ses-presend's differential test (docs/addresses.md).
// Reads one hex-encoded UTF-8 address per line on standard input and answers, per line,
// "OK" or "ERR " followed by the exception message of the strict single-address
// constructor of Debian's JavaMail 1.6.5. Hex keeps control characters and newlines intact.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;

public class AddressOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            byte[] bytes = new byte[line.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(line.substring(2 * i, 2 * i + 2), 16);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            try {
                new InternetAddress(text, true);
                out.println("OK");
            } catch (AddressException e) {
                out.println("ERR " + e.getMessage());
            } catch (RuntimeException e) {
                out.println("CRASH " + e);
            }
        }
        out.flush();
    }
}
