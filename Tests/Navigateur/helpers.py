"""Small helpers of the browser tests: fill a field by its form name, submit, read the page."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait


def field(browser, name):
    return browser.find_element(By.CSS_SELECTOR, f'[name="{name}"]')


def fill(browser, name, value):
    element = field(browser, name)
    element.clear()
    element.send_keys(value)


def choose(browser, name, value):
    Select(field(browser, name)).select_by_value(value)


def submit(browser, label):
    """Clicks the button labelled `libelle` and waits for the next page (a document may take a minute)."""
    previous = browser.find_element(By.TAG_NAME, "html")
    literal = f'"{label}"' if "'" in label else f"'{label}'"
    browser.find_element(By.XPATH, f"//button[normalize-space()={literal}]").click()
    WebDriverWait(browser, 600).until(lambda b: _is_stale(previous))


def wait_for_job(browser, deadline=600):
    """Follows a document job's page, which reloads itself every second (a `<meta http-equiv="refresh">`,
    no script) while the job runs: waits until a page without it, the job's outcome, is shown."""
    from selenium.common.exceptions import StaleElementReferenceException
    WebDriverWait(browser, deadline, poll_frequency=0.3, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda b: "/documents/travail/" in b.current_url
        and not b.find_elements(By.CSS_SELECTOR, 'meta[http-equiv="refresh"]'))


def _is_stale(element):
    """Whether the page `element` belonged to is gone. During a navigation chromedriver sometimes answers
    « Node with given id does not belong to the document » instead of a stale element: that is gone too."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def save(browser):
    """Submits the page's main form with its « Enregistrer » button."""
    submit(browser, "Enregistrer")


def page_text(browser):
    return browser.find_element(By.TAG_NAME, "body").text
