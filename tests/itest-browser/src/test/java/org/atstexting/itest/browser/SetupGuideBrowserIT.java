package org.atstexting.itest.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The vendor's set-up guide, walked click by click in Chromium against the exported demo:
 * the admin creates a security group with Can Text and puts a user (bob) in it; bob is
 * refused his own credentials before system credentials exist; the admin enters them (a
 * refused username shows why next to the field) and presses Test; bob enters his, Tests,
 * and texts Dana from her record; Dana's reply, played on the sandbox's phone page,
 * appears on the record page without a reload; a user without "View Text Messages" sees no
 * conversation.
 */
public class SetupGuideBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final String DANA = "employee:1001";

    private DemoUnderTest demo;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private Path screenshots;

    @Before
    public void start() throws Exception {
        Chromium.requireInstalled();
        Path work = Path.of(System.getProperty("atstexting.browser.work", "target/browser-work"));
        screenshots = Path.of(System.getProperty("atstexting.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        demo = new DemoUnderTest(Path.of(System.getProperty("atstexting.demo.jar")), work.resolve("demo"));
        driver = Chromium.start(work.resolve("profile"));
        wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(200));
    }

    @After
    public void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    public void theSetupGuideCanBeWalkedInABrowser() throws Exception {
        try {
            walkTheGuide();
        } catch (Exception | AssertionError e) {
            shot("failure");
            System.err.println("Page at the failure (" + driver.getCurrentUrl() + "):\n"
                    + driver.findElement(By.tagName("body")).getText());
            throw e;
        }
    }

    private void walkTheGuide() throws Exception {
        // 1. the admin: a security group with Can Text; bob into it, alice to Staff (no message action)
        signIn("admin");
        open("/ats/groups.html");
        type(By.id("group-name"), "Sourcers");
        click(By.id("perm-texting.canText"));
        click(By.id("perm-texting.viewMessages"));
        click(By.id("create-group-submit"));
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr[data-group='Sourcers'] .group-permissions")));
        wait.until(ExpectedConditions.textToBePresentInElement(row, "Can Text"));
        assertTrue(row.getText().contains("View Text Messages"));
        assign("bob", "Sourcers");
        assign("alice", "Staff");
        shot("01-security-groups");
        signOut();

        // 2. bob is refused before system credentials exist
        signIn("bob");
        open("/ats/settings-user.html");
        fillCredentials("2065550102", "2065550102", "sandbox-bob");
        WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("texting-credentials .texting-form-status .texting-error")));
        assertTrue(refusal.getText(), refusal.getText().contains("An administrator must enter the system credentials"));
        signOut();

        // 3. the admin: a refused username shows its reason next to the field, then the right one, and Test
        signIn("admin");
        open("/ats/settings-system.html");
        fillCredentials("2065-550100", "2065550100", "sandbox-system");
        WebElement username = driver.findElement(By.cssSelector("texting-credentials input[name=username]"));
        WebElement usernameError = driver.findElement(By.id(username.getAttribute("aria-describedby")));
        wait.until(ExpectedConditions.textToBePresentInElement(usernameError, "cannot contain special characters"));
        assertTrue(usernameError.getText(), usernameError.getText().contains("'-'") || usernameError.getText().contains("-"));
        assertEquals("true", username.getAttribute("aria-invalid"));
        shot("02-username-refused");
        username.clear();
        username.sendKeys("2065550100");
        type(By.cssSelector("texting-credentials input[name=password]"), "sandbox-system");
        click(By.cssSelector("texting-credentials button.texting-submit"));
        testCredentials("zipwhip");
        WebElement saved = driver.findElement(By.cssSelector("li.texting-credential[data-provider=zipwhip]"));
        assertTrue(saved.getText(), saved.getText().contains("2065550100"));
        assertFalse(saved.getText(), saved.getText().contains("sandbox-system"));
        shot("03-system-settings-texting");
        signOut();

        // 4. bob: his own credentials, Test, then a text to Dana from her record
        signIn("bob");
        open("/ats/settings-user.html");
        fillCredentials("2065550102", "2065550102", "sandbox-bob");
        testCredentials("zipwhip");
        open("/ats/record.html?ref=" + DANA);
        WebElement body = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("texting-conversation textarea[name=body]")));
        body.sendKeys("Hi Dana, are you free Tuesday?");
        WebElement counter = driver.findElement(By.cssSelector("texting-conversation .texting-counter"));
        assertEquals("GSM-7: 30/160 characters, 1 segment", counter.getText());
        body.sendKeys(" €");
        assertEquals("GSM-7: 33/160 characters, 1 segment", counter.getText()); // € is an extension character
        body.sendKeys(" ✓"); // outside GSM-7: the whole text becomes UCS-2, one unit per character
        assertEquals("UCS-2: 34/70 units, 1 segment", counter.getText());
        body.clear();
        body.sendKeys("Hi Dana, are you free Tuesday?");
        click(By.cssSelector("texting-conversation button.texting-send"));
        WebElement sent = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("texting-conversation li.texting-outbound")));
        assertTrue(sent.getText(), sent.getText().contains("Hi Dana, are you free Tuesday?"));
        assertTrue(sent.getText(), sent.getText().contains("Bob Staff"));

        // 5. Dana replies on the sandbox's phone page (another tab); her reply appears without a reload
        String recordTab = driver.getWindowHandle();
        Object marker = driver.executeScript("return window.__notReloaded = 'still the same page';");
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(demo.url("/zipwhip-sandbox-ui/"));
        WebElement account = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account")));
        account.clear();
        account.sendKeys("2065550102");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "Hi Dana, are you free Tuesday?"));
        type(By.id("body"), "Yes, Tuesday works");
        click(By.id("send-reply"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "Reply sent."));
        driver.switchTo().window(recordTab);
        WebElement reply = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("texting-conversation li.texting-inbound")));
        assertTrue(reply.getText(), reply.getText().contains("Yes, Tuesday works"));
        assertEquals(marker, driver.executeScript("return window.__notReloaded;"));
        shot("04-record-conversation");

        open("/ats/inbox.html");
        WebElement inboxed = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("texting-inbox li.texting-reply.texting-unread")));
        assertTrue(inboxed.getText(), inboxed.getText().contains("Yes, Tuesday works"));
        signOut();

        // 6. alice, now in Staff, has no "View Text Messages": no conversation on the record
        signIn("alice");
        open("/ats/record.html?ref=" + DANA);
        WebElement closed = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("texting-conversation .texting-notice")));
        assertTrue(closed.getText(), closed.getText().contains("View Text Messages"));
        assertTrue(driver.findElements(By.cssSelector("texting-conversation li.texting-message")).isEmpty());
        assertFalse(driver.getPageSource().contains("Yes, Tuesday works"));
        shot("05-no-message-action");
    }

    @Test
    public void theHostRefusesUnknownPermissionKeysAndCrossSiteForms() throws Exception {
        var unknown = demo.call("admin", "POST", "/ats/host/groups", "application/json",
                "{\"name\":\"Typos\",\"permissions\":[\"texting.canTxet\"]}");
        assertEquals(unknown.body(), 400, unknown.statusCode());
        assertTrue(unknown.body(), unknown.body().contains("Unknown permission 'texting.canTxet'"));
        var groups = demo.call("admin", "GET", "/ats/host/groups", null, null);
        assertFalse(groups.body(), groups.body().contains("Typos"));

        // a form another site posts (text/plain, as the probe did) sends nothing
        assertEquals(200, demo.call("admin", "PUT", "/ats/texting/system/zipwhip", "application/json",
                "{\"username\":\"2065550100\",\"phoneNumber\":\"2065550100\",\"password\":\"sandbox-system\"}")
                .statusCode());
        assertEquals(200, demo.call("alice", "PUT", "/ats/texting/user/zipwhip", "application/json",
                "{\"username\":\"2065550101\",\"phoneNumber\":\"2065550101\",\"password\":\"sandbox-alice\"}")
                .statusCode());
        var forged = demo.call("alice", "POST", "/ats/texting/messages", "text/plain",
                "{\"record\":\"employee:1001\",\"body\":\"forged\"}");
        assertEquals(415, forged.statusCode());
        var stranger = demo.call("alice", "POST", "/ats/texting/messages", "application/json",
                "{\"record\":\"employee:1001\",\"to\":\"+12065550199\",\"body\":\"wrong record\"}");
        assertEquals(stranger.body(), 400, stranger.statusCode());
        var onRecord = demo.call("alice", "GET", "/ats/texting/records/employee:1001/messages", null, null);
        assertEquals("[]", onRecord.body());
        var sandbox = demo.call("alice", "GET", "/zipwhip-sandbox-ui/messages?account=2065550101", null, null);
        assertEquals("what the sandbox received", "[]", sandbox.body());
    }

    private void signIn(String user) {
        open("/ats/login.html");
        type(By.id("user"), user);
        type(By.id("password"), "demo");
        click(By.id("sign-in"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signed-in-user"), ""));
        wait.until(ExpectedConditions.urlContains("/ats/index.html"));
    }

    private void signOut() {
        click(By.xpath("//header//button[normalize-space()='Sign out']"));
        wait.until(ExpectedConditions.urlContains("/ats/login.html"));
    }

    private void open(String path) {
        driver.get(demo.url(path));
    }

    private void assign(String user, String group) {
        new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("assign-user-id")))).selectByValue(user);
        new Select(driver.findElement(By.id("assign-group"))).selectByValue(group);
        click(By.id("assign-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), user + " is now in " + group));
    }

    /** "+", the provider from the drop-down of installed providers, the three fields, Submit. */
    private void fillCredentials(String username, String phone, String password) {
        click(By.cssSelector("texting-credentials button.texting-add"));
        Select provider = new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("texting-credentials select[name=provider]"))));
        List<String> offered = provider.getOptions().stream().map(WebElement::getText).toList();
        assertTrue(offered.toString(), offered.contains("zipwhip"));
        provider.selectByValue("zipwhip");
        type(By.cssSelector("texting-credentials input[name=username]"), username);
        type(By.cssSelector("texting-credentials input[name=phoneNumber]"), phone);
        type(By.cssSelector("texting-credentials input[name=password]"), password);
        click(By.cssSelector("texting-credentials button.texting-submit"));
    }

    private void testCredentials(String provider) {
        click(By.cssSelector("li.texting-credential[data-provider=" + provider + "] button.texting-test"));
        By result = By.cssSelector("li.texting-credential[data-provider=" + provider + "] .texting-test-result.texting-ok");
        WebElement ok = wait.until(ExpectedConditions.visibilityOfElementLocated(result));
        assertTrue(ok.getText(), ok.getText().contains("OK"));
        // the result is kept: a reload shows it again
        driver.navigate().refresh();
        WebElement kept = wait.until(ExpectedConditions.visibilityOfElementLocated(result));
        assertTrue(kept.getText(), kept.getText().contains("OK"));
    }

    private void type(By by, String text) {
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
        field.clear();
        field.sendKeys(text);
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private void shot(String name) throws IOException {
        Path file = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

}
