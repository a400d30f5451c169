"""Headless Chromium (selenium) on the form page of `ses-presend serve`: a bad address shows
SES's words next to the field, a fixable one offers the Punycode fix, and the fix's button puts
it into the field.

Usage: form_page.py URL   (run by tests/clients.rs; exits non-zero on the first failure)
"""

import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

URL = sys.argv[1]
WAIT = 15

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def result_text(field_id):
    return driver.find_element(By.ID, field_id + "-result").text


def wait_for_text(field_id, text):
    try:
        WebDriverWait(driver, WAIT).until(lambda d: text in result_text(field_id))
    except Exception:
        sys.exit(f"FAIL: {text!r} never appeared next to #{field_id}: {result_text(field_id)!r}")
    print(f"ok #{field_id} shows {text!r}")


try:
    driver.get(URL + "/")
    field = driver.find_element(By.ID, "from")

    field.send_keys("user@")
    wait_for_text("from", "InvalidParameterValue: Missing domain")

    field.clear()
    field.send_keys("jose@bücher.de")
    wait_for_text("from", "Domain contains illegal character")
    wait_for_text("from", "Use jose@xn--bcher-kva.de")
    button = driver.find_element(By.CSS_SELECTOR, "#from-result button.fix")
    if button.get_attribute("data-fix") != "jose@xn--bcher-kva.de":
        sys.exit(f"FAIL: the fix button offers {button.get_attribute('data-fix')!r}")
    button.click()
    WebDriverWait(driver, WAIT).until(
        lambda d: d.find_element(By.ID, "from").get_attribute("value") == "jose@xn--bcher-kva.de"
    )
    print("ok the fix button put jose@xn--bcher-kva.de into #from")
    wait_for_text("from", "SES accepts this")

    # Recipients: one line each, SES's words per line.
    recipients = driver.find_element(By.ID, "recipients")
    recipients.send_keys("a@example.com\nKaren, Chan <karen@example.com>")
    wait_for_text("recipients", "Karen, Chan <karen@example.com>: InvalidParameterValue: Illegal address")

    # The friendly name gets its quoted form as the fix.
    name = driver.find_element(By.ID, "name")
    name.send_keys("Chan, Karen")
    wait_for_text("name", 'Use "Chan, Karen"')
    print("all form page checks passed")
finally:
    driver.quit()
