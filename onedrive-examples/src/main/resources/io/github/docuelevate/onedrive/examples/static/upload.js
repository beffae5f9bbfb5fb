// Sends the chosen file as the raw request body, so the server streams it to the library, and
// shows the progress. The CSRF token goes in a header.
document.querySelectorAll('button.upload-button').forEach(function (button) {
  button.addEventListener('click', function () {
    var input = document.getElementById(button.dataset.file);
    var result = button.parentElement.querySelector('.upload-result');
    var progress = button.parentElement.querySelector('progress');
    if (!input.files.length) {
      result.textContent = 'Choose a file first.';
      return;
    }
    var file = input.files[0];
    var xhr = new XMLHttpRequest();
    xhr.open('POST', button.dataset.url);
    xhr.setRequestHeader('X-CSRF-Token', button.dataset.csrf);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { progress.value = Math.round(100 * e.loaded / e.total); }
    };
    xhr.onload = function () { result.textContent = xhr.responseText; progress.value = 100; };
    xhr.onerror = function () { result.textContent = 'Upload failed.'; };
    result.textContent = 'Uploading...';
    xhr.send(file);
  });
});
